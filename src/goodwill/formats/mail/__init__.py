"""Mail files: read.py finds the mailboxes under a path and streams their messages
as RawMessage bytes; headers.py decodes one message's headers into a Mail; body.py
gives its text (first plain part, else HTML as text) when Mail.text() asks."""
