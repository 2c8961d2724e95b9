#!/usr/bin/python3
"""Hold packet, netlink, MPTCP and (where the kernel has them) vsock sockets
for the socket-family tests.

Usage (inside the test's network namespace, standard library only):

    families.py FILE

Writes to FILE what the test checks the listings against: `pid PID`, then
`FAMILY INODE` for every socket it holds (packet, netlink, mptcp, vsock) and
`missing FAMILY` for an optional family the kernel refused (mptcp, vsock).
Prints `ready` once every socket is open, then sleeps until killed.
"""

import os

import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
NETLINK_ROUTE = 0
NETLINK_SOCK_DIAG = 4
IPPROTO_MPTCP = 262

keep = []
lines = ["pid %d" % os.getpid()]


def hold(family, sock):
    keep.append(sock)
    lines.append("%s %d" % (family, os.fstat(sock.fileno()).st_ino))


# Packet sockets: a raw one for every protocol on every interface, a dgram
# one for IPv4 bound to lo, a raw one for ARP bound to lo.
hold("packet", socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL)))
dgram = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
dgram.bind(("lo", ETH_P_IP))
hold("packet", dgram)
arp = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))
arp.bind(("lo", ETH_P_ARP))
# Buffers of their own for --memory (the kernel doubles what is asked):
# rb40000, tb60000.
arp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 20000)
arp.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 30000)
hold("packet", arp)

# Netlink sockets: rtnetlink in groups 1 (RTMGRP_LINK) and 3, one in group
# 33 (past the first 32-bit word), and a sock_diag socket.
route = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
route.bind((0, 1 | 4))
hold("netlink", route)
wide = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
wide.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 24000)  # rb48000
wide.bind((0, 0))
wide.setsockopt(270, 1, 33)  # SOL_NETLINK, NETLINK_ADD_MEMBERSHIP
# A link dump asked for and never read: its first answer stays queued, a
# receive queue that does not change while the test looks.
RTM_GETLINK = 18
NLM_F_REQUEST_DUMP = 0x1 | 0x300
request = struct.pack("=LHHLL", 32, RTM_GETLINK, NLM_F_REQUEST_DUMP, 1, 0) + bytes(16)
wide.send(request)
hold("netlink", wide)
diag = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
diag.bind((0, 0))
hold("netlink", diag)

# MPTCP: a listener and one connection to it (both ends), on IPv4 and IPv6
# loopback.
try:
    for family, address, port in ((socket.AF_INET, "127.0.0.1", 4711), (socket.AF_INET6, "::1", 4712)):
        listener = socket.socket(family, socket.SOCK_STREAM, IPPROTO_MPTCP)
        listener.bind((address, port))
        listener.listen(8)
        client = socket.socket(family, socket.SOCK_STREAM, IPPROTO_MPTCP)
        client.connect((address, port))
        server, _ = listener.accept()
        for sock in (listener, client, server):
            hold("mptcp", sock)
except OSError:
    lines.append("missing mptcp")

# vsock: a listener on any CID.
try:
    vsock = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)
    vsock.bind((socket.VMADDR_CID_ANY, 5000))
    vsock.listen(1)
    hold("vsock", vsock)
except (OSError, AttributeError):
    lines.append("missing vsock")

with open(sys.argv[1], "w") as out:
    out.write("\n".join(lines) + "\n")
print("ready", flush=True)
while True:
    time.sleep(3600)
