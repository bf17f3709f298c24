//! The cast of the demo: a small Utrecht design and print studio and its
//! customers. Names and places are invented.

/// The demo business itself.
pub const COMPANY_NAME: &str = "Studio Lindeboom";
/// The demo business's bank (bank code, account number) for its IBAN.
pub const COMPANY_ACCOUNT: (&str, &str) = ("INGB", "0006543210");

/// A demo customer: code, name, city, consumer, term in days, own terms,
/// typical invoice size in euros, and how reliably they pay (percent).
pub struct Cast {
    /// Customer code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// City.
    pub city: &'static str,
    /// A consumer.
    pub consumer: bool,
    /// Payment term in days.
    pub term_days: i64,
    /// A regular customer with own agreed terms.
    pub own_terms: bool,
    /// Typical invoice amount excluding VAT.
    pub typical_net: i64,
    /// Chance in percent that an invoice is paid on time or nearly.
    pub reliability: u64,
    /// Writes letters in English.
    pub english: bool,
}

const fn business(
    code: &'static str,
    name: &'static str,
    city: &'static str,
    typical_net: i64,
    reliability: u64,
) -> Cast {
    Cast {
        code,
        name,
        city,
        consumer: false,
        term_days: 30,
        own_terms: false,
        typical_net,
        reliability,
        english: false,
    }
}

const fn consumer(
    code: &'static str,
    name: &'static str,
    city: &'static str,
    typical_net: i64,
    reliability: u64,
) -> Cast {
    Cast {
        code,
        name,
        city,
        consumer: true,
        term_days: 14,
        own_terms: false,
        typical_net,
        reliability,
        english: false,
    }
}

/// The 25 demo customers.
pub const CUSTOMERS: [Cast; 25] = [
    business("D1001", "Bouwbedrijf De Vries B.V.", "Amersfoort", 2400, 85),
    business("D1002", "Hoveniersbedrijf Groen & Zonen", "Houten", 650, 90),
    business("D1003", "Bakkerij Jansen", "Utrecht", 380, 95),
    business("D1004", "Fietsenmaker Bakker V.O.F.", "Zeist", 240, 70),
    business(
        "D1005",
        "Advocatenkantoor Meijer & Smit",
        "Utrecht",
        1800,
        97,
    ),
    business("D1006", "Tandartspraktijk Van Dijk", "Nieuwegein", 520, 92),
    Cast {
        own_terms: true,
        term_days: 60,
        ..business("D1007", "Gemeente Stichtse Vallei", "Bunnik", 4200, 99)
    },
    business("D1008", "Café De Gouden Leeuw", "Utrecht", 310, 55),
    business(
        "D1009",
        "Installatiebedrijf Mulder",
        "IJsselstein",
        1450,
        80,
    ),
    business("D1010", "Kinderopvang Het Zonnetje", "Maarssen", 690, 88),
    Cast {
        english: true,
        ..business("D1011", "Brightline Software Ltd.", "Amsterdam", 3100, 75)
    },
    business("D1012", "Slagerij De Boer", "De Bilt", 260, 93),
    business("D1013", "Architectenbureau Visser", "Utrecht", 2200, 90),
    business("D1014", "Rijschool Smits", "Vianen", 340, 60),
    business("D1015", "Yogastudio Ademruimte", "Utrecht", 210, 85),
    business(
        "D1016",
        "Transportbedrijf Van Leeuwen B.V.",
        "Woerden",
        1750,
        65,
    ),
    business("D1017", "Boekhandel Het Leesteken", "Utrecht", 450, 96),
    business("D1018", "Makelaardij Dekker", "Bilthoven", 980, 82),
    business("D1019", "Stichting Muziekschool Oost", "Utrecht", 560, 89),
    business("D1020", "Restaurant Bij Pieter", "Utrecht", 720, 50),
    consumer("D1021", "J. de Graaf", "Utrecht", 185, 80),
    consumer("D1022", "M. van den Berg-Kok", "Houten", 240, 70),
    consumer("D1023", "S. Hendriks", "Zeist", 150, 90),
    business("D1024", "Camping De Eekhoorn", "Leersum", 830, 72),
    Cast {
        english: true,
        ..business("D1025", "Nordic Interiors AB", "Stockholm", 2600, 88)
    },
];

/// Descriptions of the studio's work, for remittance-free realism.
pub const WORK: [&str; 8] = [
    "huisstijl",
    "drukwerk folders",
    "websiteonderhoud",
    "verpakkingsontwerp",
    "jaarverslag",
    "visitekaartjes",
    "beursstand",
    "fotografie",
];

/// Outgoing payments that are not customer payments: name, description, amount in cents.
pub const EXPENSES: [(&str, &str, i64); 6] = [
    ("Vastgoed Utrecht B.V.", "Huur atelier", -145_000),
    ("Drukkerij Rotaprint", "Inkoopfactuur papier", -38_240),
    ("Belastingdienst", "Omzetbelasting", -212_300),
    ("KPN B.V.", "Internet en telefonie", -8_995),
    ("Adobe Systems", "Creative Cloud", -7_865),
    ("ING Bank N.V.", "Kosten zakelijk betalingsverkeer", -1_430),
];
