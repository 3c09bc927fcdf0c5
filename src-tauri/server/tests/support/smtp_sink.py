#!/usr/bin/env python3
"""An SMTP sink for the server's mail test (tests/mail.rs): it accepts every mail and appends it,
decoded, as one JSON line {from, to, subject, body} to the file named by its argument. It prints
the port it listens on (127.0.0.1, a free one) and serves until it is killed. Enough SMTP for a
client that sends plain mail: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

import email
import email.policy
import json
import socketserver
import sys

OUT = sys.argv[1]


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def handle(self):
        self.reply("220 sink ESMTP")
        sender, recipients = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-sink")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 sink")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip().split(" ")[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip().split(" ")[0].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = bytearray()
                while True:
                    line = self.rfile.readline()
                    if not line or line in (b".\r\n", b".\n"):
                        break
                    data += line[1:] if line.startswith(b"..") else line
                message = email.message_from_bytes(bytes(data), policy=email.policy.default)
                body = message.get_body(("plain",))
                record = {
                    "from": sender,
                    "to": recipients,
                    "subject": str(message["subject"]),
                    "body": body.get_content() if body is not None else "",
                }
                # One write of a whole line: the test reads only lines that end.
                with open(OUT, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
                self.reply("250 queued")
            elif verb in ("RSET", "NOOP"):
                if verb == "RSET":
                    sender, recipients = None, []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class Sink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


with Sink(("127.0.0.1", 0), Session) as sink:
    print(sink.server_address[1], flush=True)
    sink.serve_forever()
