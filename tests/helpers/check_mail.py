#!/usr/bin/env python3
"""check_mail.py MSG SUBJECT - Python's strict email parser reads the
message; its headers are exactly the intended set; the subject decodes to
SUBJECT (CR/LF turned into spaces); both parts decode as UTF-8."""
import email, email.policy, sys

raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.strict)
names = sorted(k.lower() for k in m.keys())
want = sorted(["from", "to", "subject", "date", "message-id", "mime-version", "content-type"])
subj = " ".join(str(m["subject"]).split())
exp = " ".join(sys.argv[2].replace("\r", " ").replace("\n", " ").split())
parts = [p.get_content_type() for p in m.iter_parts()]
texts = [p.get_content() for p in m.iter_parts()]
long_lines = [l for l in raw.split(b"\n") if len(l) > 998]
ok = names == want and subj == exp and parts == ["text/plain", "text/html"] and not long_lines
if not ok:
    print("headers", names, "subject", repr(subj), "want", repr(exp), "parts", parts,
          "long lines", len(long_lines))
sys.exit(0 if ok else 1)
