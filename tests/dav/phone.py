"""What a phone says to /dav/, and how to read what it hears back.

The request bodies are the ones iOS Contacts (dataaccessd), macOS AddressBook and DAVx5
(dav4jvm) send, as their public documentation, bug reports and server projects'
captured logs show them (Radicale, SabreDAV and Nextcloud issue threads; DAVx5's
"Technical information" page). Namespace prefixes are theirs too: iOS writes "A:" for
DAV:, DAVx5 a default DAV: namespace with CARD:/CAL: prefixes. A server that matched on
prefixes instead of namespaces would fail one of the two.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CALSERVER = "http://calendarserver.org/ns/"

IOS_AGENT = "iOS/17.0 (21A329) dataaccessd/1.0"
MACOS_AGENT = "macOS/14.0 (23A344) AddressBookCore/2487"
DAVX5_AGENT = "DAVx5/4.4.2-ose (2024/10/02; dav4jvm; okhttp/4.12.0) Android/14"

# iOS, first request of "Add CardDAV account" (to /.well-known/carddav, then to what it
# was sent to): who am I.
IOS_PRINCIPAL_DISCOVERY = """<?xml version="1.0" encoding="UTF-8"?>
<A:propfind xmlns:A="DAV:">
  <A:prop>
    <A:current-user-principal/>
    <A:principal-URL/>
    <A:resourcetype/>
  </A:prop>
</A:propfind>
"""

# iOS, on the principal: where are my address books.
IOS_PRINCIPAL_PROPS = """<?xml version="1.0" encoding="UTF-8"?>
<A:propfind xmlns:A="DAV:">
  <A:prop>
    <B:addressbook-home-set xmlns:B="urn:ietf:params:xml:ns:carddav"/>
    <B:directory-gateway xmlns:B="urn:ietf:params:xml:ns:carddav"/>
    <A:displayname/>
    <C:email-address-set xmlns:C="http://calendarserver.org/ns/"/>
    <A:principal-collection-set/>
    <A:principal-URL/>
    <A:resource-id/>
    <A:supported-report-set/>
  </A:prop>
</A:propfind>
"""

# iOS, Depth: 1 on the address-book home: the books and how to sync them. Most of these
# properties are Apple's own; a server answers 404 for those inside the same multistatus.
IOS_HOME_LISTING = """<?xml version="1.0" encoding="UTF-8"?>
<A:propfind xmlns:A="DAV:">
  <A:prop>
    <A:add-member/>
    <C:bulk-requests xmlns:C="http://me.com/_namespace/"/>
    <A:current-user-privilege-set/>
    <A:displayname/>
    <C:getctag xmlns:C="http://calendarserver.org/ns/"/>
    <B:max-image-size xmlns:B="urn:ietf:params:xml:ns:carddav"/>
    <B:max-resource-size xmlns:B="urn:ietf:params:xml:ns:carddav"/>
    <D:me-card xmlns:D="http://calendarserver.org/ns/"/>
    <A:owner/>
    <D:push-transports xmlns:D="http://calendarserver.org/ns/"/>
    <D:pushkey xmlns:D="http://calendarserver.org/ns/"/>
    <A:quota-available-bytes/>
    <A:quota-used-bytes/>
    <A:resource-id/>
    <A:resourcetype/>
    <A:supported-report-set/>
    <A:sync-token/>
  </A:prop>
</A:propfind>
"""

# DAVx5, service discovery on the URL the user typed (and on /.well-known/carddav).
DAVX5_DISCOVERY = (
    "<?xml version='1.0' encoding='UTF-8' ?>"
    '<propfind xmlns="DAV:" xmlns:CARD="urn:ietf:params:xml:ns:carddav">'
    "<prop><resourcetype /><displayname /><CARD:addressbook-description /><current-user-privilege-set />"
    "<current-user-principal /><CARD:addressbook-home-set /></prop></propfind>"
)

# DAVx5, the same for CalDAV (its second service, for the task list).
DAVX5_CALDAV_DISCOVERY = (
    "<?xml version='1.0' encoding='UTF-8' ?>"
    '<propfind xmlns="DAV:" xmlns:CAL="urn:ietf:params:xml:ns:caldav">'
    "<prop><resourcetype /><displayname /><current-user-privilege-set /><current-user-principal />"
    "<CAL:calendar-home-set /></prop></propfind>"
)

# DAVx5, Depth: 1 on the home set: which collections to offer for sync.
DAVX5_HOME_LISTING = (
    "<?xml version='1.0' encoding='UTF-8' ?>"
    '<propfind xmlns="DAV:" xmlns:CARD="urn:ietf:params:xml:ns:carddav" xmlns:CAL="urn:ietf:params:xml:ns:caldav">'
    "<prop><resourcetype /><displayname /><owner /><current-user-privilege-set />"
    "<CARD:addressbook-description /><CAL:calendar-description /><CAL:supported-calendar-component-set />"
    "</prop></propfind>"
)

# DAVx5, Depth: 0 on a collection before each sync: has anything changed, and can I use sync-collection.
DAVX5_SYNC_STATE = (
    "<?xml version='1.0' encoding='UTF-8' ?>"
    '<propfind xmlns="DAV:" xmlns:CARD="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/">'
    "<prop><CARD:supported-address-data /><supported-report-set /><CS:getctag /><sync-token /></prop></propfind>"
)


def sync_collection(token: str = "", prefix: str = "A") -> str:
    """RFC 6578 sync-collection: an empty token for a first sync (both clients send it so)."""
    if prefix:
        p = f"{prefix}:"
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}sync-collection xmlns:{prefix}="DAV:">'
            f"<{p}sync-token>{token}</{p}sync-token><{p}sync-level>1</{p}sync-level>"
            f"<{p}prop><{p}getetag/></{p}prop></{p}sync-collection>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8' ?>"
        f'<sync-collection xmlns="DAV:"><sync-token>{token}</sync-token><sync-level>1</sync-level>'
        "<prop><getcontenttype /><getetag /></prop></sync-collection>"
    )


def addressbook_multiget(hrefs: list[str], *, davx5: bool = False) -> str:
    if davx5:
        refs = "".join(f"<href>{h}</href>" for h in hrefs)
        return (
            "<?xml version='1.0' encoding='UTF-8' ?>"
            '<CARD:addressbook-multiget xmlns="DAV:" xmlns:CARD="urn:ietf:params:xml:ns:carddav">'
            '<prop><getcontenttype /><getetag /><CARD:address-data content-type="text/vcard" version="4.0" />'
            f"</prop>{refs}</CARD:addressbook-multiget>"
        )
    refs = "".join(f"<A:href>{h}</A:href>" for h in hrefs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<B:addressbook-multiget xmlns:A="DAV:" xmlns:B="urn:ietf:params:xml:ns:carddav">'
        f"<A:prop><A:getetag/><B:address-data/></A:prop>{refs}</B:addressbook-multiget>"
    )


# The bytes of a JPEG as an iPhone's contact photo carries them: the JFIF header, a body
# (every byte value, so a lossy decode would show), the end marker. About 1 KB: folded over many lines.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4 + b"\xff\xd9"


def ios_card(uid: str, given: str, family: str, email: str, phone: str, *, photo: bytes = JPEG) -> str:
    """A new contact as iOS 17 PUTs it: vCard 3.0, CRLF, Apple's PRODID, the photo inline in base64
    folded at 75 octets, item-grouped labels."""
    encoded = base64.b64encode(photo).decode("ascii")
    head = "PHOTO;ENCODING=b;TYPE=JPEG:"
    first, rest = encoded[: 75 - len(head)], encoded[75 - len(head) :]
    folded = [head + first] + [" " + rest[i : i + 74] for i in range(0, len(rest), 74)]
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
        f"N:{family};{given};;;",
        f"FN:{given} {family}",
        "ORG:Northwind Traders;",
        f"EMAIL;type=INTERNET;type=WORK;type=pref:{email}",
        f"TEL;type=CELL;type=VOICE;type=pref:{phone}",
        "item1.URL;type=pref:https://northwind.example",
        "item1.X-ABLabel:_$!<HomePage>!$_",
        *folded,
        f"UID:{uid}",
        "REV:2026-11-23T09:00:00Z",
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"


@dataclass
class Response:
    href: str
    status: int | None = None  # a response-level status (a sync-collection tombstone is 404)
    props: dict[str, ET.Element] = field(default_factory=dict)  # "{ns}name" -> element, found (200) only
    missing: set[str] = field(default_factory=set)  # asked for and answered 404

    def text(self, tag: str) -> str:
        element = self.props.get(tag)
        return "" if element is None else "".join(element.itertext()).strip()

    def hrefs(self, tag: str) -> list[str]:
        element = self.props.get(tag)
        return [] if element is None else [(h.text or "").strip() for h in element.iter(f"{{{DAV}}}href")]

    def resourcetypes(self) -> set[str]:
        element = self.props.get(f"{{{DAV}}}resourcetype")
        return set() if element is None else {child.tag for child in element}


@dataclass
class Multistatus:
    responses: list[Response]
    sync_token: str = ""

    def by_href(self) -> dict[str, Response]:
        return {r.href: r for r in self.responses}

    def one(self) -> Response:
        assert len(self.responses) == 1, [r.href for r in self.responses]
        return self.responses[0]


def _status_code(element: ET.Element | None) -> int | None:
    if element is None or not element.text:
        return None
    return int(element.text.split()[1])  # "HTTP/1.1 404 Not Found"


def multistatus(body: bytes) -> Multistatus:
    root = ET.fromstring(body)
    assert root.tag == f"{{{DAV}}}multistatus", root.tag
    responses = []
    for node in root.findall(f"{{{DAV}}}response"):
        response = Response(href=(node.findtext(f"{{{DAV}}}href") or "").strip())
        response.status = _status_code(node.find(f"{{{DAV}}}status"))
        for propstat in node.findall(f"{{{DAV}}}propstat"):
            code = _status_code(propstat.find(f"{{{DAV}}}status"))
            props = propstat.find(f"{{{DAV}}}prop")
            for prop in [] if props is None else list(props):
                if code == 200:
                    response.props[prop.tag] = prop
                else:
                    response.missing.add(prop.tag)
        responses.append(response)
    return Multistatus(responses, (root.findtext(f"{{{DAV}}}sync-token") or "").strip())


def basic_auth(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


class Phone:
    """Django's test client dressed as one phone: its User-Agent, Basic auth with a device
    password, and requests from loopback (plain http answers only there)."""

    def __init__(self, client, username: str, password: str, agent: str) -> None:
        self.client = client
        self.headers = {
            "HTTP_AUTHORIZATION": basic_auth(username, password),
            "HTTP_USER_AGENT": agent,
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
        }

    def request(self, method: str, path: str, body: str | bytes = b"", content_type: str = "", **headers):
        extra = dict(self.headers)
        for name, value in headers.items():
            extra["HTTP_" + name.upper()] = value
        return self.client.generic(method, path, body, content_type=content_type, **extra)

    def propfind(self, path: str, body: str, depth: str = "0"):
        return self.request("PROPFIND", path, body, "application/xml; charset=utf-8", depth=depth)

    def report(self, path: str, body: str, depth: str = "1"):
        return self.request("REPORT", path, body, "application/xml; charset=utf-8", depth=depth)

    def get(self, path: str, **headers):
        return self.request("GET", path, **headers)

    def put(self, path: str, card: str, content_type: str = "text/vcard; charset=utf-8", **headers):
        return self.request("PUT", path, card.encode("utf-8"), content_type, **headers)

    def delete(self, path: str, **headers):
        return self.request("DELETE", path, **headers)
