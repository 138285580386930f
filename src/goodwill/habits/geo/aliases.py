"""Names people use that the GeoNames data does not carry (keys are folded)."""

from __future__ import annotations

# Nicknames of cities: key -> (GeoNames city name, country, admin1 code).
CITY_ALIASES: dict[str, tuple[str, str, str]] = {
    "nyc": ("New York City", "US", "NY"),
    "new york": ("New York City", "US", "NY"),
    "new york city": ("New York City", "US", "NY"),
    "manhattan": ("New York City", "US", "NY"),
    "sf": ("San Francisco", "US", "CA"),
    "san fran": ("San Francisco", "US", "CA"),
    "bay area": ("San Francisco", "US", "CA"),
    "sf bay area": ("San Francisco", "US", "CA"),
    "san francisco bay area": ("San Francisco", "US", "CA"),
    "la": ("Los Angeles", "US", "CA"),
    "l a": ("Los Angeles", "US", "CA"),
    "dc": ("Washington", "US", "DC"),
    "d c": ("Washington", "US", "DC"),
    "washington dc": ("Washington", "US", "DC"),
    "washington d c": ("Washington", "US", "DC"),
    "philly": ("Philadelphia", "US", "PA"),
    "vegas": ("Las Vegas", "US", "NV"),
    "nola": ("New Orleans", "US", "LA"),
    "cdmx": ("Mexico City", "MX", "09"),
}

# Country names and abbreviations beyond GeoNames' name, ISO-2 and ISO-3.
COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "america": "US",
    "united states of america": "US",
    "the united states": "US",
    "holland": "NL",
    "netherlands": "NL",
    "the netherlands": "NL",
    "czech republic": "CZ",
    "korea": "KR",
    "republic of korea": "KR",
    "russian federation": "RU",
    "cote divoire": "CI",
    "uae": "AE",
    "burma": "MM",
    "vatican city": "VA",
    "macedonia": "MK",
    "swaziland": "SZ",
    "cape verde": "CV",
    "east timor": "TL",
    "timor leste": "TL",
    "turkiye": "TR",
    "viet nam": "VN",
    "the bahamas": "BS",
    "the gambia": "GM",
    "palestine": "PS",
    "deutschland": "DE",
    "brasil": "BR",
    "espana": "ES",
    "italia": "IT",
    "mainland china": "CN",
    "prc": "CN",
    "roc": "TW",
}

# Postal abbreviations of provinces and states outside the US (whose admin1
# codes already are the postal codes): country -> {abbreviation: admin1 name}.
REGION_ABBREVIATIONS: dict[str, dict[str, str]] = {
    "CA": {
        "ab": "Alberta",
        "bc": "British Columbia",
        "mb": "Manitoba",
        "nb": "New Brunswick",
        "nl": "Newfoundland and Labrador",
        "ns": "Nova Scotia",
        "nt": "Northwest Territories",
        "nu": "Nunavut",
        "on": "Ontario",
        "pe": "Prince Edward Island",
        "qc": "Quebec",
        "sk": "Saskatchewan",
        "yt": "Yukon",
        "pq": "Quebec",
    },
    "AU": {
        "act": "Australian Capital Territory",
        "nsw": "New South Wales",
        "nt": "Northern Territory",
        "qld": "Queensland",
        "sa": "South Australia",
        "tas": "Tasmania",
        "vic": "Victoria",
        "wa": "Western Australia",
    },
    "US": {"washington dc": "District of Columbia", "d c": "District of Columbia"},
}

# Words that may follow or lead a region's name without changing it:
# "Washington State", "Province of Ontario".
REGION_SUFFIXES = (
    " state",
    " province",
    " region",
    " prefecture",
    " oblast",
    " county",
    " department",
    " district",
    " governorate",
    " territory",
)
REGION_PREFIXES = ("state of ", "province of ", "region of ", "the ")
