#!/usr/bin/python3
"""Hold TCP listeners and one established connection for the namespace tests.

Usage (inside a network namespace whose `lo` is up, standard library only):

    listen.py PORT COUNT

Listens on 127.0.0.1:PORT ... PORT+COUNT-1, connects once to the first port
and accepts that connection (two ESTABLISHED sockets). Prints `ready`, then
sleeps until killed. Nothing moves after `ready`.
"""

import socket
import sys
import time


def main():
    port, count = int(sys.argv[1]), int(sys.argv[2])
    keep = []
    for offset in range(count):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port + offset))
        s.listen(8)
        keep.append(s)
    client = socket.create_connection(("127.0.0.1", port))
    server, _ = keep[0].accept()
    keep += [client, server]
    print("ready", flush=True)
    while True:
        time.sleep(3600)


main()
