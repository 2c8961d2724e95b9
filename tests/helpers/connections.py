#!/usr/bin/python3
"""Hold idle loopback TCP connections with known traffic, for the socket
details tests (--info, --memory, --kill).

Usage (inside the test's network namespace, standard library only):

    connections.py PORT COUNT OTHER_PORT

Listens on 127.0.0.1:PORT and 127.0.0.1:OTHER_PORT, opens COUNT connections
to PORT and one to OTHER_PORT. Client i sends 1000*(i+1) bytes, the server
answers with 500 bytes, both sides read everything. Prints `ready` once no
socket has unacknowledged or unsent data (read from the kernel's tcp_info),
then sleeps until killed: from then on nothing moves but the "time since"
counters.
"""

import socket
import struct
import sys
import time

TCP_INFO_LEN = 104
# struct tcp_info: tcpi_unacked at byte 24; tcpi_notsent_bytes is past 104,
# so send queues are checked with SIOCOUTQ instead.
SIOCOUTQ = 0x5411


def settled(sock):
    import fcntl

    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, TCP_INFO_LEN)
    unacked = struct.unpack_from("I", info, 24)[0]
    queued = struct.unpack("I", fcntl.ioctl(sock.fileno(), SIOCOUTQ, b"\0" * 4))[0]
    return unacked == 0 and queued == 0


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise SystemExit("peer closed early")
        data += chunk
    return data


def main():
    port, count, other_port = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    keep = []
    for p in (port, other_port):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", p))
        listener.listen(16)
        keep.append(listener)
    pairs = []
    for i, p in enumerate([port] * count + [other_port]):
        client = socket.create_connection(("127.0.0.1", p))
        server, _ = keep[0 if p == port else 1].accept()
        client.sendall(b"c" * (1000 * (i + 1)))
        read_exactly(server, 1000 * (i + 1))
        server.sendall(b"s" * 500)
        read_exactly(client, 500)
        pairs += [client, server]
    keep += pairs
    left, right = socket.socketpair()
    left.sendall(b"u" * 300)
    unix_listener = socket.socket(socket.AF_UNIX)
    unix_listener.bind("\0netstat-memory")
    unix_listener.listen(4)
    keep += [left, right, unix_listener]
    while not all(settled(s) for s in pairs):
        time.sleep(0.01)
    print("ready", flush=True)
    while True:
        time.sleep(3600)


main()
