#!/usr/bin/python3
"""Hold a known set of sockets for the differential socket-listing tests.

Usage (run inside the test's network namespace, standard library only):

    sockets.py main DIR     every socket family the listing shows; UNIX socket
                            files go under DIR
    sockets.py user PORT    one TCP listener on 0.0.0.0:PORT and one abstract
                            UNIX listener, for a second uid (run it under
                            `setpriv --reuid=...`)

The namespace must have 10.1.2.3 and 2001:db8::1 and
2001:db8:1234:5678:9abc:def0:1234:5678 on `lo`. Prints `ready` once every
socket is in its final, stable state, then sleeps until killed.

Everything here is meant to look the same to two netstat runs made one after
the other: queues are filled until they stop moving, RAW sockets are drained,
nothing sends after `ready`. Only the `-o` timer numbers move.
"""

import fcntl
import os
import socket
import struct
import sys
import termios
import threading
import time

S = socket.socket
A4, A6, AU = socket.AF_INET, socket.AF_INET6, socket.AF_UNIX
ST, DG, SEQ, RAW = socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET, socket.SOCK_RAW
IPPROTO_UDPLITE = 136
SIOCOUTQ = termios.TIOCOUTQ
SIOCINQ = termios.FIONREAD
# Small fixed buffers (also turn off autotuning) so that filling is quick
# and ends in the same place every time.
FILL_BUFFER = 16384

keep = []


def listen(fam, addr, v6only=None, backlog=16, buffers=False):
    s = S(fam, ST)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    if buffers:
        small_buffers(s)
    s.bind(addr)
    s.listen(backlog)
    keep.append(s)
    return s


def connect(fam, src, dst, buffers=False, keepalive=False):
    c = S(fam, ST)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if buffers:
        small_buffers(c)
    if keepalive:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 7200)
    c.bind(src)
    c.connect(dst)
    keep.append(c)
    return c


def accept(listener):
    a, _ = listener.accept()
    keep.append(a)
    return a


def small_buffers(s):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, FILL_BUFFER)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, FILL_BUFFER)


def queues(s):
    buf = bytearray(4)
    fcntl.ioctl(s.fileno(), SIOCINQ, buf)
    inq = struct.unpack('i', buf)[0]
    fcntl.ioctl(s.fileno(), SIOCOUTQ, buf)
    return inq, struct.unpack('i', buf)[0]


def fill_both_ways(a, b):
    """Both ends write until neither can, and nobody reads: each socket ends
    with a non-zero Recv-Q and Send-Q, and zero windows both ways."""
    for s in (a, b):
        s.setblocking(False)
    chunk = b'z' * 4096
    last, steady = None, 0
    while steady < 5:
        for s in (a, b):
            try:
                while True:
                    s.send(chunk)
            except BlockingIOError:
                pass
        time.sleep(0.05)
        now = queues(a) + queues(b)
        steady = steady + 1 if now == last else 0
        last = now


def tcp():
    # ---- listeners: every wildcard and loopback flavour, named and unnamed ports
    l_ssh = listen(A4, ('0.0.0.0', 22))
    l_smtp = listen(A4, ('10.1.2.3', 25))              # long host name
    l_ipp = listen(A4, ('127.0.0.1', 631))
    l_echo = listen(A4, ('127.0.0.1', 7), backlog=0)   # accept queue full after one
    listen(A4, ('0.0.0.0', 40400))                     # port not in /etc/services
    listen(A6, ('::', 80), v6only=1)
    l_alt = listen(A6, ('::1', 8080), v6only=1)
    l_ftp = listen(A6, ('::', 21), v6only=0)           # dual stack
    l_long = listen(A6, ('2001:db8:1234:5678:9abc:def0:1234:5678', 443), v6only=1)
    l_fill4 = listen(A4, ('127.0.0.1', 45000), buffers=True)
    l_fill6 = listen(A6, ('::1', 45001), v6only=1, buffers=True)

    # ---- established
    c1 = connect(A4, ('127.0.0.1', 40000), ('127.0.0.1', 631))
    accept(l_ipp)
    c1.send(b'x' * 100)                                # unread: Recv-Q 100

    connect(A4, ('10.1.2.3', 40001), ('10.1.2.3', 25), keepalive=True)
    accept(l_smtp)

    connect(A6, ('::1', 40002), ('::1', 8080))
    accept(l_alt)

    connect(A4, ('127.0.0.1', 40003), ('127.0.0.1', 21))   # ::ffff:127.0.0.1 in tcp6
    accept(l_ftp)

    connect(A6, ('2001:db8::1', 40020), ('2001:db8:1234:5678:9abc:def0:1234:5678', 443))
    accept(l_long)

    # ---- full queues, IPv4 and IPv6
    f4 = connect(A4, ('127.0.0.1', 40030), ('127.0.0.1', 45000), buffers=True)
    fill_both_ways(f4, accept(l_fill4))
    f6 = connect(A6, ('::1', 40031), ('::1', 45001), buffers=True)
    fill_both_ways(f6, accept(l_fill6))

    # ---- FIN_WAIT2 (server half-closed) / CLOSE_WAIT (client, Recv-Q 1 = the FIN)
    connect(A4, ('127.0.0.1', 40007), ('127.0.0.1', 22))
    accept(l_ssh).shutdown(socket.SHUT_WR)

    # ---- TIME_WAIT (lasts 60 s): the client closes first
    c5 = S(A4, ST)
    c5.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c5.bind(('127.0.0.1', 40005))
    c5.connect(('127.0.0.1', 22))
    a5, _ = l_ssh.accept()
    c5.close()
    time.sleep(0.1)
    a5.close()

    # ---- SYN_SENT: the listener's accept queue is full, so the SYN is dropped
    connect(A4, ('127.0.0.1', 40008), ('127.0.0.1', 7))     # never accepted
    time.sleep(0.1)
    c6 = S(A4, ST)
    c6.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, 12)  # keep trying for minutes
    c6.setblocking(False)
    c6.bind(('127.0.0.1', 40006))
    try:
        c6.connect(('127.0.0.1', 7))
    except BlockingIOError:
        pass
    keep.append(c6)
    time.sleep(0.1)

    # ---- bound only (no listen, no connect): in no table /proc/net/tcp walks,
    # so never listed; sock_diag would report it if asked for bound-inactive sockets
    b1 = S(A4, ST)
    b1.bind(('127.0.0.1', 0))
    keep.append(b1)
    b2 = S(A6, ST)
    b2.bind(('::1', 0))
    keep.append(b2)


def udp():
    u1 = S(A4, DG)
    u1.bind(('0.0.0.0', 161))
    u2 = S(A4, DG)
    u2.bind(('127.0.0.1', 40010))
    u2.connect(('127.0.0.1', 161))
    u2.send(b'ping')                                   # unread in u1
    u3 = S(A6, DG)
    u3.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    u3.bind(('::', 123))
    u4 = S(A6, DG)
    u4.bind(('::1', 40011))
    u4.connect(('::1', 123))
    u4.send(b'pong')                                   # unread in u3
    u5 = S(A4, DG)
    u5.bind(('0.0.0.0', 40012))                        # unnamed port, listening
    keep.extend([u1, u2, u3, u4, u5])
    try:
        ul = S(A4, DG, IPPROTO_UDPLITE)
        ul.bind(('0.0.0.0', 5000))
        ul6 = S(A6, DG, IPPROTO_UDPLITE)
        ul6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        ul6.bind(('::', 5001))
        ulc = S(A4, DG, IPPROTO_UDPLITE)
        ulc.bind(('127.0.0.1', 40013))
        ulc.connect(('127.0.0.1', 5000))
        keep.extend([ul, ul6, ulc])
    except OSError:
        pass                                           # kernel without UDP-Lite


def raw():
    r1 = S(A4, RAW, socket.IPPROTO_ICMP)
    r2 = S(A6, RAW, socket.IPPROTO_ICMPV6)
    keep.extend([r1, r2])

    def drain(s):
        while True:
            s.recv(65535)

    for r in (r1, r2):
        threading.Thread(target=drain, args=(r,), daemon=True).start()


def groups():
    # An IPv4 membership on lo for `-g` (lo sends no IGMP reports). No IPv6 one: MLD reports
    # would reach the RAW6 socket for a few seconds after joining.
    m4 = S(A4, DG)
    m4.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                  socket.inet_aton('239.1.2.3') + socket.inet_aton('127.0.0.1'))
    keep.append(m4)


def unix(d):
    def path(name):
        p = os.path.join(d, name)
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass
        return p

    srv = path('srv.sock')
    x1 = S(AU, ST)
    x1.bind(srv)
    x1.listen(5)
    x2 = S(AU, ST)
    x2.connect(srv)
    x3, _ = x1.accept()
    x4 = S(AU, ST)
    x4.bind('\0nst-abstract')
    x4.listen(5)
    x4c = S(AU, ST)
    x4c.connect('\0nst-abstract')                      # never accepted
    dgram = path('dgram.sock')
    x5 = S(AU, DG)
    x5.bind(dgram)
    x5c = S(AU, DG)
    x5c.connect(dgram)                                 # unnamed, connected to a named one
    seq = path('seq.sock')
    x6 = S(AU, SEQ)
    x6.bind(seq)
    x6.listen(5)
    x6c = S(AU, SEQ)
    x6c.connect(seq)
    x6a, _ = x6.accept()
    x7, x8 = socket.socketpair(AU, DG)                 # unnamed pair
    x9 = S(AU, DG)
    x9.bind(path('with space.sock'))                   # netstat cuts the path at the space
    x10 = S(AU, ST)
    x10.bind('\0abs\0with-nul')
    x10.listen(1)
    x11 = S(AU, ST)                                    # never bound or connected
    keep.extend([x1, x2, x3, x4, x4c, x5, x5c, x6, x6c, x6a, x7, x8, x9, x10, x11])


def main(d):
    tcp()
    udp()
    raw()
    groups()
    unix(d)


def user(port):
    s = S(A4, ST)
    s.bind(('0.0.0.0', port))
    s.listen(5)
    u = S(AU, ST)
    u.bind('\0user-%d' % os.getuid())
    u.listen(1)
    keep.extend([s, u])


if __name__ == '__main__':
    if len(sys.argv) != 3 or sys.argv[1] not in ('main', 'user'):
        sys.exit('usage: sockets.py main DIR | sockets.py user PORT')
    if sys.argv[1] == 'main':
        main(sys.argv[2])
    else:
        user(int(sys.argv[2]))
    print('ready', flush=True)
    while True:
        time.sleep(3600)
