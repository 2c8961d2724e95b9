#!/usr/bin/python3
"""Hold multicast group memberships for the differential -g tests.

Usage (inside the test's network namespace, standard library only):

    multicast.py IFACE4=ADDRESS GROUP ... -- IFACE6 GROUP6 ...

Before `--`: IPv4 joins, each `ADDRESS GROUP` pair joins GROUP on the
interface that has ADDRESS (IP_ADD_MEMBERSHIP). After `--`: IPv6 joins, each
`IFACE GROUP` pair joins GROUP on IFACE (IPV6_JOIN_GROUP). A pair given twice
is joined by two sockets (the RefCnt column then shows 2). Prints `ready`
once every join is done, then sleeps until killed.
"""

import socket
import struct
import sys
import time


def pairs(words):
    return list(zip(words[0::2], words[1::2]))


def main():
    args = sys.argv[1:]
    split = args.index("--") if "--" in args else len(args)
    keep = []
    for address, group in pairs(args[:split]):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                     socket.inet_aton(group) + socket.inet_aton(address))
        keep.append(s)
    for iface, group in pairs(args[split + 1:]):
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                     socket.inet_pton(socket.AF_INET6, group)
                     + struct.pack("@I", socket.if_nametoindex(iface)))
        keep.append(s)
    print("ready", flush=True)
    while True:
        time.sleep(3600)


main()
