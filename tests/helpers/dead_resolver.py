# A name server that never answers, and PEERS TCP connections from distinct loopback
# addresses (127.1.x.y) to one listener, so that a listing has PEERS distinct peers to resolve.
# usage: dead_resolver.py PEERS
import resource, socket, sys, time

peers = int(sys.argv[1])
# Two descriptors per peer: more than a login shell's usual soft limit of 1024.
_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dns.bind(('127.0.0.53', 53))            # queries arrive and are never answered
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(('127.0.0.1', 7000))
listener.listen(peers + 16)
keep = [dns, listener]
for i in range(peers):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.bind(('127.1.%d.%d' % (i // 250, i % 250 + 1), 0))
    c.connect(('127.0.0.1', 7000))
    a, _ = listener.accept()
    keep += [c, a]
print('ready', flush=True)
while True:
    time.sleep(3600)
