#!/usr/bin/env python3
"""A real OpenID Connect provider (PyPI oidc-provider-mock) on 127.0.0.1 and a free port, for sign-in tests.

Prints "READY <port>" and serves until stdin closes.
Usage: oidc_provider.py [--require-nonce] [--token-max-age SECS] [USER_JSON ...]
  USER_JSON e.g. {"sub":"alice","email":"a@example.com","email_verified":true,"name":"Alice"}
"""
import json, logging, os, sys, threading
from datetime import timedelta

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback
import warnings, authlib.deprecate; warnings.simplefilter("ignore")  # quiet stderr
import oidc_provider_mock, werkzeug.serving

args = sys.argv[1:]
require_nonce = "--require-nonce" in args
max_age = 3600
if "--token-max-age" in args:
    max_age = int(args[args.index("--token-max-age") + 1])
users = []
for a in args:
    if a.startswith("{"):
        c = json.loads(a)
        users.append(oidc_provider_mock.User(sub=c.pop("sub"), claims=c))

logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-request logs
app = oidc_provider_mock.app(require_nonce=require_nonce, user_claims=users,
                             access_token_max_age=timedelta(seconds=max_age))
server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
print(f"READY {server.server_port}", flush=True)

try:
    while sys.stdin.buffer.read(65536):  # block until EOF on stdin
        pass
finally:
    server.shutdown()
    server.server_close()
