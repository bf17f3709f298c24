//! Why a proposal was made, as structured [`ReasonPart`]s, rendered in
//! English (the CLI contract's `reason`) and Dutch (the app's `reason_nl`)
//! from the same list, so that the two always say the same thing.
//!
//! The engine decides and names the evidence; this module only words it.
//! It holds no translation table of finished sentences: each part knows its
//! words in both languages, and amounts, numbers and dates are filled in
//! from the part itself.

use chrono::NaiveDate;

use crate::customer::Language;
use crate::money::Money;
use crate::reference::Kind;

/// One piece of evidence or one note behind a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonPart {
    /// A valid reference we issued, as written, and the items it was issued for.
    ReferenceValid {
        /// Betalingskenmerk, RF or OGM.
        kind: Kind,
        /// The reference as the payer wrote it.
        written: String,
        /// The invoice numbers it was issued for.
        numbers: Vec<String>,
    },
    /// Invoice numbers found in the description or the end-to-end id.
    NumbersIn {
        /// The numbers.
        numbers: Vec<String>,
        /// Found in the end-to-end id rather than the description.
        end_to_end: bool,
    },
    /// The payer's IBAN is known for the customer.
    IbanKnown,
    /// The payer's IBAN is known for another customer (its code).
    IbanOtherCustomer(String),
    /// The payer's name is like this customer's name.
    NameLike(String),
    /// The payer's name is like the same customer's (corroboration).
    NameAlike,
    /// The amount equals what is open.
    AmountEqual,
    /// The amount equals the open total of this many named items.
    AmountEqualNamed(usize),
    /// The amount equals these of the items named.
    AmountEqualPartOfNamed(Vec<String>),
    /// Two readings fit equally well.
    Ambiguous(Vec<String>, Vec<String>),
    /// Short of the named items by bank costs; the rest stays open.
    ShortBankCosts(Money),
    /// Short of one item by bank costs; the rest stays open.
    ShortOf(Money, Vec<String>),
    /// A partial payment; this much stays open.
    Partial(Money),
    /// Paid more than is open; the surplus is kept as a credit.
    Over(Money),
    /// The named invoice is settled and the surplus stays unallocated on
    /// the payment as the customer's credit, to refund or to apply.
    Overpaid(Money),
    /// The amount equals the named items and these others of the same
    /// customer together, the only such set of their open items.
    AmountEqualNamedAndOthers(Vec<String>),
    /// The amount equals an open item of the customer that was not named
    /// (a typo in the number, most likely).
    EqualsUnnamedItem(Vec<String>),
    /// The payment also names these items, already paid (paid twice?).
    NamesPaid(Vec<String>),
    /// No other set of the customer's open items adds up to the amount: a
    /// strong suggestion, for a person to confirm.
    OnlySet,
    /// The customer has more open items than a combination search covers:
    /// only the oldest this many were searched.
    SearchBounded(usize),
    /// No invoice named: the oldest items first (art. 6:43 BW).
    OldestFirst,
    /// This much is kept as a credit on the customer.
    KeptAsCredit(Money),
    /// The amount equals one item, the only open item of that amount.
    AmountOnlyItem(Vec<String>),
    /// The amount equals one item, unique among all open items.
    AmountUniqueAmongOpen(Vec<String>),
    /// The amount equals an instalment of a payment plan due around the date.
    Instalment(Vec<String>),
    /// The amount equals several open items; the oldest is taken.
    SeveralEqual(usize, Vec<String>),
    /// The amount equals these items together.
    AmountEqualTogether(Vec<String>),
    /// The payment names another customer's items.
    NamedOtherCustomer(Vec<String>),
    /// The items belong to more than one customer.
    SeveralCustomers,
    /// Paid before the invoice date.
    BeforeInvoiceDate,
    /// An invoice is disputed.
    Disputed,
    /// Paid in another currency.
    Currency(String),
    /// A return of the payment of that date, with the bank's reason code.
    Return(NaiveDate, Option<String>),
    /// The return reopens these items (none known: what it paid).
    Reopens(Vec<String>),
    /// Money paid back against a credit note.
    Refund(String),
}

/// The separator between parts in both languages.
const SEPARATOR: &str = " · ";

/// Renders the parts in one language, joined by ` · `.
pub fn render(parts: &[ReasonPart], language: Language) -> String {
    parts
        .iter()
        .map(|part| part.render(language))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(SEPARATOR)
}

impl ReasonPart {
    /// This part in one language.
    pub fn render(&self, language: Language) -> String {
        let nl = language == Language::Nl;
        let list = |numbers: &[String]| join(numbers, language);
        let money = |amount: &Money| amount_in(*amount, language);
        match self {
            ReasonPart::ReferenceValid {
                kind,
                written,
                numbers,
            } => {
                if nl {
                    format!(
                        "{} {written} geldig, uitgegeven voor {}",
                        kind_nl(*kind),
                        list(numbers)
                    )
                } else {
                    format!(
                        "{} {written} valid, issued for {}",
                        kind.code(),
                        list(numbers)
                    )
                }
            }
            ReasonPart::NumbersIn {
                numbers,
                end_to_end,
            } => {
                let several = numbers.len() > 1;
                match (nl, several, end_to_end) {
                    (false, false, false) => format!("invoice {} in description", list(numbers)),
                    (false, true, false) => format!("invoices {} in description", list(numbers)),
                    (false, false, true) => format!("invoice {} in end-to-end id", list(numbers)),
                    (false, true, true) => format!("invoices {} in end-to-end id", list(numbers)),
                    (true, false, false) => format!("factuur {} in omschrijving", list(numbers)),
                    (true, true, false) => format!("facturen {} in omschrijving", list(numbers)),
                    (true, false, true) => format!("factuur {} in end-to-end-id", list(numbers)),
                    (true, true, true) => format!("facturen {} in end-to-end-id", list(numbers)),
                }
            }
            ReasonPart::IbanKnown => pick(nl, "IBAN bekend", "IBAN known"),
            ReasonPart::IbanOtherCustomer(code) => {
                if nl {
                    format!("IBAN bekend bij een andere klant ({code})")
                } else {
                    format!("IBAN known for another customer ({code})")
                }
            }
            ReasonPart::NameLike(name) => {
                if nl {
                    format!("naam lijkt op {name}")
                } else {
                    format!("name like {name}")
                }
            }
            ReasonPart::NameAlike => pick(nl, "naam lijkt op klant", "name alike"),
            ReasonPart::AmountEqual => pick(nl, "bedrag gelijk", "amount equal"),
            ReasonPart::AmountEqualNamed(count) => {
                if nl {
                    format!("bedrag gelijk aan de {count} genoemde posten")
                } else {
                    format!("amount equal to the {count} items named")
                }
            }
            ReasonPart::AmountEqualPartOfNamed(numbers) => {
                if nl {
                    format!("bedrag gelijk aan {} van de genoemde posten", list(numbers))
                } else {
                    format!("amount equal to {} of the items named", list(numbers))
                }
            }
            ReasonPart::Ambiguous(first, second) => {
                if nl {
                    format!("dubbelzinnig: {} of {}", list(first), list(second))
                } else {
                    format!("ambiguous: {} or {}", list(first), list(second))
                }
            }
            ReasonPart::ShortBankCosts(short) => {
                if nl {
                    format!("{} te weinig (bankkosten?), rest blijft open", money(short))
                } else {
                    format!("{} short (bank costs?), rest stays open", money(short))
                }
            }
            ReasonPart::ShortOf(short, numbers) => {
                if nl {
                    format!(
                        "{} te weinig voor {} (bankkosten?), rest blijft open",
                        money(short),
                        list(numbers)
                    )
                } else {
                    format!(
                        "{} short of {} (bank costs?), rest stays open",
                        money(short),
                        list(numbers)
                    )
                }
            }
            ReasonPart::Partial(rest) => {
                if nl {
                    format!("deelbetaling, rest van {} blijft open", money(rest))
                } else {
                    format!("partial payment, {} stays open", money(rest))
                }
            }
            ReasonPart::Over(surplus) => {
                if nl {
                    format!("{} meer dan openstaat, bewaard als tegoed", money(surplus))
                } else {
                    format!("{} more than open, kept as credit", money(surplus))
                }
            }
            ReasonPart::Overpaid(surplus) => {
                if nl {
                    format!(
                        "factuur voldaan; {} meer dan openstaat, bewaard als tegoed van de klant: onverdeeld op de betaling, terug te betalen of te verrekenen met een volgende factuur",
                        money(surplus)
                    )
                } else {
                    format!(
                        "invoice settled; {} more than open, kept as credit of the customer: unallocated on the payment, to refund or apply to a next invoice",
                        money(surplus)
                    )
                }
            }
            ReasonPart::AmountEqualNamedAndOthers(numbers) => {
                if nl {
                    format!(
                        "bedrag gelijk aan de genoemde posten samen met {}, de enige zo passende set openstaande posten",
                        list(numbers)
                    )
                } else {
                    format!(
                        "amount equal to the items named together with {}, the only such set of open items",
                        list(numbers)
                    )
                }
            }
            ReasonPart::EqualsUnnamedItem(numbers) => {
                if nl {
                    format!(
                        "bedrag gelijk aan {}, die niet genoemd is (tikfout?)",
                        list(numbers)
                    )
                } else {
                    format!(
                        "amount equal to {}, which is not named (a typo?)",
                        list(numbers)
                    )
                }
            }
            ReasonPart::NamesPaid(numbers) => {
                if nl {
                    format!("noemt ook {}, al betaald (dubbel betaald?)", list(numbers))
                } else {
                    format!("also names {}, already paid (paid twice?)", list(numbers))
                }
            }
            ReasonPart::OnlySet => pick(
                nl,
                "de enige set openstaande posten van de klant met dit bedrag; bevestigen om te boeken",
                "the only set of the customer's open items of this amount; confirm to book",
            ),
            ReasonPart::SearchBounded(count) => {
                if nl {
                    format!("alleen de oudste {count} openstaande posten doorzocht")
                } else {
                    format!("only the oldest {count} open items searched")
                }
            }
            ReasonPart::OldestFirst => pick(
                nl,
                "geen factuur genoemd; oudste eerst (art. 6:43 BW)",
                "no invoice named; oldest first (art. 6:43 BW)",
            ),
            ReasonPart::KeptAsCredit(credit) => {
                if nl {
                    format!("{} bewaard als tegoed", money(credit))
                } else {
                    format!("{} kept as credit", money(credit))
                }
            }
            ReasonPart::AmountOnlyItem(numbers) => {
                if nl {
                    format!(
                        "bedrag gelijk aan {}, de enige openstaande post van dit bedrag",
                        list(numbers)
                    )
                } else {
                    format!(
                        "amount equal to {}, the only open item of this amount",
                        list(numbers)
                    )
                }
            }
            ReasonPart::AmountUniqueAmongOpen(numbers) => {
                if nl {
                    format!(
                        "bedrag gelijk aan {}, uniek onder de openstaande posten",
                        list(numbers)
                    )
                } else {
                    format!("amount equal to {}, unique among open items", list(numbers))
                }
            }
            ReasonPart::Instalment(numbers) => {
                if nl {
                    format!(
                        "bedrag gelijk aan een termijn van {} rond deze datum",
                        list(numbers)
                    )
                } else {
                    format!(
                        "amount equal to an instalment of {} due around this date",
                        list(numbers)
                    )
                }
            }
            ReasonPart::SeveralEqual(count, first) => {
                if nl {
                    format!(
                        "bedrag gelijk aan {count} openstaande posten; oudste eerst: {}",
                        list(first)
                    )
                } else {
                    format!(
                        "amount equal to {count} open items; oldest first: {}",
                        list(first)
                    )
                }
            }
            ReasonPart::AmountEqualTogether(numbers) => {
                if nl {
                    format!("bedrag gelijk aan {} samen", list(numbers))
                } else {
                    format!("amount equal to {} together", list(numbers))
                }
            }
            ReasonPart::NamedOtherCustomer(numbers) => {
                if nl {
                    format!(
                        "{} genoemd, maar die hoort bij een andere klant",
                        list(numbers)
                    )
                } else {
                    format!(
                        "{} named, but that belongs to another customer",
                        list(numbers)
                    )
                }
            }
            ReasonPart::SeveralCustomers => pick(
                nl,
                "facturen van meerdere klanten",
                "invoices of several customers",
            ),
            ReasonPart::BeforeInvoiceDate => pick(
                nl,
                "betaald vóór de factuurdatum",
                "paid before the invoice date",
            ),
            ReasonPart::Disputed => pick(nl, "factuur betwist", "invoice disputed"),
            ReasonPart::Currency(currency) => {
                if nl {
                    format!("betaald in {currency}")
                } else {
                    format!("paid in {currency}")
                }
            }
            ReasonPart::Return(date, code) => {
                let why = code.as_deref().map_or_else(String::new, |code| {
                    format!(" ({code}: {})", return_code_meaning(code, language))
                });
                if nl {
                    format!("terugboeking van de betaling van {date}{why}")
                } else {
                    format!("return of the payment of {date}{why}")
                }
            }
            ReasonPart::Reopens(numbers) => match (nl, numbers.is_empty()) {
                (false, true) => "reopens what it paid".to_owned(),
                (false, false) => format!("reopens {}", numbers.join(", ")),
                (true, true) => "heropent wat die betaling voldeed".to_owned(),
                (true, false) => format!("heropent {}", numbers.join(", ")),
            },
            ReasonPart::Refund(number) => {
                if nl {
                    format!("terugbetaling van creditnota {number}")
                } else {
                    format!("refund of credit note {number}")
                }
            }
        }
    }
}

fn pick(nl: bool, dutch: &str, english: &str) -> String {
    if nl { dutch } else { english }.to_owned()
}

/// `2026-0040`, `2026-0040 and 2026-0042`, `a, b and c` (Dutch: `en`).
fn join(numbers: &[String], language: Language) -> String {
    let and = match language {
        Language::Nl => "en",
        Language::En => "and",
    };
    match numbers {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// English keeps the contract's wire form (`12.00`); Dutch writes `€ 12,00`.
fn amount_in(amount: Money, language: Language) -> String {
    match language {
        Language::En => amount.to_string(),
        Language::Nl => format!("€ {}", amount.to_string().replace('.', ",")),
    }
}

fn kind_nl(kind: Kind) -> &'static str {
    match kind {
        Kind::Betalingskenmerk => "betalingskenmerk",
        Kind::Rf => "RF-kenmerk",
        Kind::Ogm => "OGM",
        _ => "kenmerk",
    }
}

/// What a SEPA return reason code means (`domain.md` §5.2).
fn return_code_meaning(code: &str, language: Language) -> &'static str {
    match (code, language) {
        ("AC04", Language::En) => "account closed",
        ("AC06", Language::En) => "account blocked",
        ("MD06", Language::En) => "refund requested by the debtor",
        ("MS03", Language::En) => "reason not given",
        (_, Language::En) => "returned",
        ("AC04", Language::Nl) => "rekening opgeheven",
        ("AC06", Language::Nl) => "rekening geblokkeerd",
        ("MD06", Language::Nl) => "terugboeking op verzoek van de debiteur",
        ("MS03", Language::Nl) => "reden niet opgegeven",
        (_, Language::Nl) => "teruggeboekt",
    }
}

#[cfg(test)]
mod tests;
