"""Mail files: read.py finds the mailboxes under a path, streams their messages as
RawMessage bytes and decodes one message's headers into a Mail."""
