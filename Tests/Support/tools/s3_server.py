#!/usr/bin/env python3
"""A real S3 API (PyPI moto[server]) on 127.0.0.1 and a free port, for the S3 storage backend's tests.

Prints "READY <port>" and serves until stdin closes.
Usage: s3_server.py BUCKET ...   (creates each bucket; credentials: any access key and secret)
"""
import logging, sys

logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-request logs
import boto3
from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="parley-test", aws_secret_access_key="parley-test-secret")
for bucket in sys.argv[1:]:
    s3.create_bucket(Bucket=bucket)
print(f"READY {port}", flush=True)

try:
    while sys.stdin.buffer.read(65536):  # block until EOF on stdin
        pass
finally:
    server.stop()
