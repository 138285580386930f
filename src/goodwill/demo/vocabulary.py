"""Words the demo network is made of: names, firms, titles, and what people talk about.

All names are invented; organizations are fictional, and every email and phone
number is reserved for examples (example.com/.org, 555-01xx)."""

from __future__ import annotations

FEMALE_FIRST = """
Abigail Adaeze Aisha Alejandra Alice Amara Amelia Ana Anika Annika Aria Ava Beatriz Bianca Brianna
Camila Carmen Caroline Chiara Chloe Claire Clara Dana Daniela Deepa Elena Eliza Emily Emma Esther
Eva Fatima Fiona Freya Gabriela Grace Hana Hannah Harper Helen Ingrid Irene Isabel Ivy Jasmine
Jessica Joanna Julia Kavya Keiko Laila Laura Leah Lena Lucia Lydia Maya Mei Mia Mira Nadia Naomi
Natalie Nina Noor Olivia Paloma Priya Rachel Rebecca Rosa Ruth Sakura Samira Sara Sofia Sophie
Talia Tamara Tessa Valentina Vera Victoria Yara Yasmin Zara Zoe
""".split()

MALE_FIRST = """
Aaron Adam Adrian Ahmed Alejandro Andre Andrew Anton Arjun Ben Boris Caleb Carlos Chen Chris
Daniel David Diego Dmitri Eli Elias Emeka Ethan Felix Finn Gabriel George Hamza Hiro Hugo Ian
Isaac Ivan Jack Jamal James Jan Javier Jonah Jorge Jose Julian Kai Kenji Kwame Leo Liam Lucas Luis
Malik Marco Mark Mateo Max Michael Miguel Mohammed Nathan Nico Noah Omar Oscar Owen Pablo Patrick
Paul Pedro Rafael Rahul Ravi Reza Robert Ryan Samuel Santiago Sean Simon Stefan Theo Thomas Tom
Tomas Victor Vikram Will Yusuf
""".split()

LAST = """
Abbott Adeyemi Alvarez Andersen Aoki Baptiste Barros Becker Bergstrom Bianchi Brennan Castillo Chandra
Chen Costa Dalton Delgado Desai Dubois Eriksen Fernandes Fischer Fitzgerald Gallagher Garcia Goldberg
Greene Gupta Haddad Halvorsen Hartmann Hayes Hoffman Holloway Ibrahim Iyer Jansen Jensen Kaplan
Kapoor Keller Kim Kowalski Kruger Lam Larsen Laurent Lindqvist Lopez MacLeod Mahmoud Marino
Martinez Mehta Mendes Meyer Moreau Morrison Murphy Nakamura Navarro Nguyen Novak Nwosu Okafor
Olsen Ortega Osei Park Patel Pereira Petrov Quinn Ramirez Reyes Richter Rossi Russo Sato Schmidt
Schneider Sharma Silva Sokolov Sorensen Suzuki Tanaka Thompson Torres Varga Vasquez Vogel Walsh
Weber Whitfield Yamamoto Young Zhang Zimmermann
""".split()

# Fictional firms, grouped by what the people there do.
ORGANIZATIONS = {
    "professional services": [
        "Halvorsen & Park LLP",
        "Whitfield Gray Advisory",
        "Northgate Partners",
        "Ashby Kline & Co.",
        "Brightwater Consulting",
        "Meridian Audit Group",
        "Cedar Row Legal",
        "Pinecrest Tax Partners",
        "Larkspur Strategy",
        "Keystone Valuation",
        "Marlow & Finch",
        "Ironbridge Risk Advisors",
    ],
    "startup": [
        "Tidepool Labs",
        "Quillstack",
        "Orbitry",
        "Fernleaf Health",
        "Lumen Freight",
        "Parcelwise",
        "Kitebase",
        "Sprocket AI",
        "Greenline Energy",
        "Nimbus Payroll",
        "Hatchway Robotics",
        "Ledgerly",
    ],
    "company": [
        "Boise Valley Manufacturing",
        "Sawtooth Outdoor",
        "Columbia Basin Foods",
        "Granite Peak Software",
        "Riverbend Medical",
        "Snake River Logistics",
        "Pacific Crest Bank",
        "Alder Creek Construction",
        "Summit Insurance",
        "Clearwater Utilities",
        "Bluebird Hospitality",
        "Harbor & Main Retail",
    ],
    "investor": [
        "Foothill Ventures",
        "Basalt Capital",
        "Trailhead Angels",
        "Westbrook Growth Equity",
    ],
    "nonprofit": [
        "Idaho Tech Council",
        "Women in Finance Boise",
        "Treasure Valley SCORE",
        "Founders Breakfast Club",
    ],
}

# Titles by archetype; an archetype also picks the organization kind.
ARCHETYPES = {
    "partner": (
        "professional services",
        [
            "Partner",
            "Managing Partner",
            "Senior Partner",
            "Tax Partner",
            "Audit Partner",
            "Principal",
        ],
    ),
    "consultant": (
        "professional services",
        [
            "Senior Consultant",
            "Engagement Manager",
            "Director, Advisory",
            "Manager, Transaction Services",
            "Independent Consultant",
        ],
    ),
    "founder": ("startup", ["Founder & CEO", "Co-founder & CTO", "Co-founder", "Founder"]),
    "executive": (
        "company",
        [
            "CFO",
            "VP Finance",
            "Chief Operating Officer",
            "Head of People",
            "General Counsel",
            "VP Engineering",
            "Controller",
            "Director of Operations",
        ],
    ),
    "investor": ("investor", ["General Partner", "Principal", "Angel Investor", "Venture Partner"]),
    "community": ("nonprofit", ["Executive Director", "Program Lead", "Board Chair", "Chapter President"]),
    "job seeker": (
        None,
        [
            "Finance leader, between roles",
            "Product manager, exploring",
            "Former COO, looking",
            "Marketing director, in transition",
        ],
    ),
}
ARCHETYPE_WEIGHTS = {
    "partner": 14,
    "consultant": 18,
    "founder": 16,
    "executive": 26,
    "investor": 6,
    "community": 6,
    "job seeker": 8,
}

TAGS = [
    "client",
    "prospect",
    "referral source",
    "alumni",
    "board",
    "mentor",
    "mentee",
    "investor",
    "recruiter",
    "speaker",
    "podcast",
    "golf",
    "running",
    "boise",
    "seattle",
    "austin",
]
ARCHETYPE_TAGS = {
    "partner": ["referral source", "alumni"],
    "consultant": ["alumni", "referral source"],
    "founder": ["prospect", "client"],
    "executive": ["client", "prospect"],
    "investor": ["investor"],
    "community": ["board", "speaker"],
    "job seeker": ["mentee"],
}

HOW_MET = [
    "Met at the Idaho Tech Council summit",
    "Sat next to each other at a Rotary lunch",
    "Worked together on the Meridian audit",
    "Former colleague at Whitfield Gray",
    "Introduced over email about a referral",
    "Met on a panel about remote hiring",
    "Both volunteered at Treasure Valley SCORE",
    "Alumni mixer, Boise State",
    "Cold email after my podcast episode",
    "Client on the 2023 restructuring",
    "Met at the Founders Breakfast Club",
    "Neighbor; kids at the same school",
    "Pitch night judges together",
    "LinkedIn message after my article on referral balance sheets",
]

# The demo user's home base, towns within about 100 miles of it, and places further away.
HOME = "Denver, CO"
HOME_TOWNS = [
    "Denver, CO",
    "Boulder, CO",
    "Aurora, CO",
    "Lakewood, CO",
    "Golden, CO",
    "Longmont, CO",
    "Fort Collins, CO",
    "Colorado Springs, CO",
]
AWAY_TOWNS = [
    "Seattle, WA",
    "Portland, OR",
    "Austin, TX",
    "Salt Lake City, UT",
    "Chicago, IL",
    "San Francisco, CA",
    "Boise, ID",
    "New York, NY",
    "Boston, MA",
    "Atlanta, GA",
    "Los Angeles, CA",
    "London, United Kingdom",
    "Toronto, Canada",
    "Berlin, Germany",
    "Sydney, Australia",
]

CITIES = ["Boise", "Seattle", "Portland", "Austin", "Denver", "Salt Lake City", "Chicago", "San Francisco"]

TOPICS = [
    "the Q3 proposal",
    "the move to Austin",
    "the Denver expansion",
    "the Series A",
    "hiring a fractional CFO",
    "the audit season",
    "succession planning at the firm",
    "a remote-hiring playbook",
    "their pricing change",
    "the board search",
    "a possible merger",
    "the new office in Seattle",
    "the SBA loan",
    "a speaking slot",
    "the referral from last quarter",
    "year-end tax planning",
    "the ERP migration",
    "a podcast appearance",
    "the partner retreat",
    "their job search",
    "the RFP for Clearwater",
    "a joint webinar",
    "the conference in May",
    "the due-diligence checklist",
    "growing the advisory practice",
    "the customer churn numbers",
]

SUMMARIES = {
    ("call", "outbound"): [
        "Called to catch up about {topic}",
        "Quick call: checked in on {topic}",
        "Called about {topic}; good progress",
        "Phone catch-up, mostly about {topic}",
        "Called to congratulate on the new role",
    ],
    ("call", "inbound"): [
        "Called me about {topic}",
        "Rang to ask for advice on {topic}",
        "Called to say thanks for the intro",
        "Called with a question about {topic}",
    ],
    ("meeting", "outbound"): [
        "Coffee at Java Downtown; talked about {topic}",
        "Lunch in {city}: {topic}",
        "Breakfast meeting about {topic}",
        "Walked the greenbelt and talked about {topic}",
        "Met at their office to go over {topic}",
    ],
    ("meeting", "inbound"): [
        "They invited me for coffee to discuss {topic}",
        "Lunch at their invitation: {topic}",
        "Asked to meet about {topic}",
    ],
    ("email", "outbound"): [
        "Sent the article on {topic}",
        "Emailed a follow-up on {topic}",
        "Shared notes from our call on {topic}",
        "Emailed an introduction to a colleague",
        "Sent a congratulations note",
    ],
    ("email", "inbound"): [
        "Asked about {topic}",
        "Sent the deck on {topic}",
        "Wrote to ask for an introduction",
        "Emailed questions about {topic}",
        "Shared an update on {topic}",
    ],
    ("message", "outbound"): [
        "Texted to say hi after seeing the news",
        "LinkedIn message about {topic}",
        "Quick text about {topic}",
    ],
    ("message", "inbound"): [
        "Texted about {topic}",
        "LinkedIn message asking about {topic}",
        "Messaged to set up a call",
    ],
    ("event", "outbound"): [
        "Saw them at the Idaho Tech Council summit",
        "Both at the Rotary lunch",
        "Chatted at the chamber mixer",
        "Hosted them at our client dinner",
        "Sat together at the partner breakfast",
    ],
    ("event", "inbound"): [
        "They invited me to their launch party",
        "Their firm's open house",
        "Guest at their panel on {topic}",
    ],
    ("note", "outbound"): [
        "Read their article on {topic}",
        "Saw their news about {topic}",
        "Thinking about an intro for {topic}",
    ],
}

# Replies I owe: inbound, recent, and waiting on me.
REPLY_ASKS = {
    "email": [
        "Asked for the remote-hiring article",
        "Wants feedback on their pitch deck by Friday",
        "Asked whether I know a good employment lawyer",
        "Sent the SOW draft and asked for comments",
        "Asked for an intro to someone at Foothill Ventures",
    ],
    "call": ["Left a voicemail about the board seat", "Called about a referral; asked me to call back"],
    "message": ["Asked if I am free for lunch next week", "Wants to know if I'm going to the summit"],
}

MY_STEPS = [
    "send {first} the article on {topic}",
    "introduce {first} to {other}",
    "follow up on {topic}",
    "book lunch with {first}",
    "send {first} the referral list",
    "share my notes on {topic}",
    "ask {other} whether they'd meet {first}",
    "send a thank-you note",
    "review {first}'s pitch deck",
    "draft the proposal for {topic}",
    "check in after their board meeting",
    "send the webinar recording",
]
THEIR_STEPS = [
    "send me the deck on {topic}",
    "send over the SOW draft",
    "introduce me to their CFO",
    "get back to me on {topic}",
    "share the RFP timeline",
    "send the term sheet",
    "confirm the speaking slot",
    "send their availability for lunch",
    "forward the job description",
    "intro me to {other}",
]
SOFT_STEPS = ["grab coffee sometime soon", "have lunch together soon", "catch up after the holidays"]

NOTES_SHAREABLE = [
    "Runs the Boise half marathon every spring",
    "Loves the Seattle Mariners",
    "Speaks at the CFO forum most years",
    "Big fan of the book Never Eat Alone",
    "Two kids; coaches youth soccer",
    "Writes a monthly newsletter on {topic}",
    "Looking for good {role} candidates",
    "Can help with introductions to {city} investors",
]
NOTES_PRIVATE = [
    "Prefers calls before 9am",
    "Hates long email threads; text instead",
    "Vegetarian; likes Thai food",
    "Decision maker on {topic}",
    "Responds fastest on LinkedIn",
    "Was frustrated with the last referral I sent",
]
# Told in confidence: these must never leave the person's own page.
NOTES_CONFIDENTIAL = [
    "Told me in confidence {subj} is interviewing at Stripe",
    "Told me in confidence the firm is in merger talks with {org}",
    "Told me in confidence {subj} is planning to leave {org} next spring",
    "Told me in confidence {poss} company is about to lay off 20% of staff",
    "Told me in confidence {subj} is being considered for managing partner",
    "Told me in confidence about a health issue; go easy on travel plans",
    "Told me in confidence {poss} startup is running out of runway by March",
]
# A confidence heard from someone else: the note keeps its source.
NOTES_HEARSAY = [
    "Is quietly looking for a new role",
    "Their biggest client is putting the work out to bid",
    "Is about to be promoted to partner",
    "Going through a difficult divorce",
    "The firm is about to open an office in {city}",
]

ROLES = ["CFO", "controller", "engineering manager", "product manager", "tax associate", "sales leader"]

AREA_CODES = ["208", "206", "503", "512", "303", "801", "312", "415", "617", "646"]
