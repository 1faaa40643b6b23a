#!/usr/bin/env python3
"""A hostile SMTP server for one test: it answers STARTTLS with `220` and, in the same packet, a plaintext
`250` meant to be read as the first reply after TLS (the command injection of CVE-2011-0411), then speaks TLS
and accepts everything.

    python3 smtp_starttls_injector.py --cert CERT.pem --key KEY.pem

Prints `READY <port>` and serves connections until its stdin reaches EOF. Standard library only.
"""
import argparse
import socket
import ssl
import sys
import threading


def serve(connection, context):
    reader = connection.makefile("rb")
    connection.sendall(b"220 injector ESMTP\r\n")
    secure = None
    while True:
        line = (secure or reader).readline()
        if not line:
            return
        verb = line.strip().upper().split(b" ")[0]
        send = (secure or connection).sendall if secure is None else secure.write
        if verb in (b"EHLO", b"HELO"):
            send(b"250-injector\r\n250 STARTTLS\r\n" if secure is None else b"250 injector\r\n")
        elif verb == b"STARTTLS" and secure is None:
            connection.sendall(b"220 go ahead\r\n250 injected before TLS\r\n")
            tls = context.wrap_socket(connection, server_side=True)
            secure = tls.makefile("rwb", buffering=0)
        elif verb == b"DATA":
            send(b"354 go on\r\n")
            while (secure or reader).readline() not in (b".\r\n", b""):
                pass
            send(b"250 queued\r\n")
        elif verb == b"QUIT":
            send(b"221 bye\r\n")
            return
        else:
            send(b"250 ok\r\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    arguments = parser.parse_args()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(arguments.cert, arguments.key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def accept():
        while True:
            connection, _ = listener.accept()
            threading.Thread(target=lambda: guarded(connection, context), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print(f"READY {listener.getsockname()[1]}", flush=True)
    sys.stdin.read()


def guarded(connection, context):
    try:
        serve(connection, context)
    except (OSError, ssl.SSLError):
        pass
    finally:
        connection.close()


if __name__ == "__main__":
    main()
