#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 that stores what it accepts, for tests.

    python3 smtp_sink.py --out DIR [--tls none|starttls|implicit]
                         [--cert CERT.pem --key KEY.pem]
                         [--auth USER:PASS] [--require-auth]

It listens on a free port and prints one line, `READY <port>`, once it accepts
connections. It serves until SIGTERM/SIGINT or until its stdin reaches EOF, so a
parent that dies does not leave it behind: start it with a pipe as stdin (a
stdin of /dev/null makes it exit at once).

Each accepted message N is stored as DIR/NNNN.eml (the DATA bytes as received,
after dot-unstuffing) and then DIR/NNNN.json (envelope and session facts); the
.json file appears last, once the message is complete.

--tls starttls  offers STARTTLS and refuses AUTH and MAIL before it.
--tls implicit  speaks TLS from the first byte (SMTPS).
--auth U:P      accepts AUTH PLAIN and LOGIN with exactly these credentials;
                AUTH needs TLS unless --tls none (so plaintext AUTH can be tested).
--require-auth  refuses MAIL FROM before a successful AUTH.

Requires aiosmtpd (pip install aiosmtpd==1.4.6).
"""
import argparse
import asyncio
import itertools
import json
import logging
import os
import signal
import ssl
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult


class Sink:
    def __init__(self, out):
        self.out = out
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "rcpt_options": envelope.rcpt_options,
            "auth_user": session.auth_data if session.authenticated else None,
            # True for implicit TLS and after STARTTLS alike.
            "tls": server.transport.get_extra_info("ssl_object") is not None,
        }
        self.write(f"{n:04d}.eml", envelope.original_content)
        self.write(f"{n:04d}.json", json.dumps(meta, indent=2).encode() + b"\n")
        return "250 OK"

    def write(self, filename, data):
        # Write then rename, so a reader never sees a partial file.
        path = os.path.join(self.out, filename)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)


def make_authenticator(credentials):
    user, password = (s.encode() for s in credentials.split(":", 1))

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = mechanism in ("PLAIN", "LOGIN") and (auth_data.login, auth_data.password) == (user, password)
        # auth_data becomes session.auth_data, reported as auth_user.
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login.decode() if ok else None)

    return authenticate


def parse_args():
    p = argparse.ArgumentParser(description="SMTP sink for tests")
    p.add_argument("--out", required=True)
    p.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--auth", metavar="USER:PASS")
    p.add_argument("--require-auth", action="store_true")
    args = p.parse_args()
    if args.tls != "none" and not (args.cert and args.key):
        p.error("--tls starttls|implicit needs --cert and --key")
    if args.auth is not None and ":" not in args.auth:
        p.error("--auth takes USER:PASS")
    if args.require_auth and args.auth is None:
        p.error("--require-auth needs --auth")
    return args


async def serve(args):
    os.makedirs(args.out, exist_ok=True)
    context = None
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    smtp_options = dict(
        hostname="localhost",  # avoids a slow getfqdn() lookup
        enable_SMTPUTF8=True,
        auth_required=args.require_auth,
        # aiosmtpd only counts STARTTLS as TLS, so implicit TLS must lift the check;
        # --tls none lifts it on purpose, to test plaintext AUTH.
        auth_require_tls=args.tls == "starttls",
    )
    if args.auth is not None:
        smtp_options["authenticator"] = make_authenticator(args.auth)
    if args.tls == "starttls":
        smtp_options.update(tls_context=context, require_starttls=True)
    # aiosmtpd warns when AUTH is required without its own TLS check (expected here)
    # and about its own use of a deprecated attribute; keep stderr for real errors.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    handler = Sink(args.out)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **smtp_options),
        host="127.0.0.1",
        port=0,
        ssl=context if args.tls == "implicit" else None,
    )
    port = server.sockets[0].getsockname()[1]

    done = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, done.set)

    def watch_stdin():
        # os.read, not sys.stdin: a thread blocked inside a buffered reader
        # makes the interpreter abort at exit.
        try:
            while os.read(0, 65536):
                pass
        except OSError:  # no usable stdin counts as EOF
            pass
        loop.call_soon_threadsafe(done.set)

    threading.Thread(target=watch_stdin, daemon=True).start()

    print(f"READY {port}", flush=True)
    await done.wait()
    server.close()


def main():
    asyncio.run(serve(parse_args()))


if __name__ == "__main__":
    main()
