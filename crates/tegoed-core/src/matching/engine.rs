//! The matching engine: indexes the open items once, then places each
//! payment by the strongest evidence it finds, in this order:
//!
//! 1. a valid reference we issued, and invoice numbers written in the
//!    remittance or end-to-end id (the debtor's own designation wins, art.
//!    6:43 BW), checked against the amount: equal, within the bank-cost
//!    tolerance, a part of the named set, partial, or more — then the named
//!    items with exactly one set of the customer's other open items (a
//!    combined payment naming some), or else the named items settled and
//!    the surplus kept as the customer's credit (an overpayment);
//! 2. a known IBAN: one item of exactly this amount (unless other invoices
//!    together make it too), an instalment, a combination of the customer's
//!    items issued by then, one item within tolerance, or else the oldest
//!    items first;
//! 3. a similar name: one item or combination of that customer's;
//! 4. the amount alone, when one open item in the whole book has it.
//!
//! Debits are returns (reopening what an earlier payment paid) or refunds
//! against a credit note. Payments are placed in booking-date order, and an
//! automatic booking lowers what is open for the payments after it.

use std::collections::{HashMap, HashSet};

use super::combination::{self, Fit};
use super::name::NameIndex;
use super::number::{self, Mention, NumberIndex, Reading};
use super::reason::ReasonPart;
use super::score::{self, Adjustment, Evidence, Hold};
use super::{Allocation, Customer, Knowledge, OpenItem, Payment, Proposal, Reversal, Settings};
use crate::money::Money;
use crate::reference::{self, Kind};

/// Places every payment it can; see the module documentation for the order
/// of evidence. Proposals come in booking-date order.
pub fn propose(
    items: &[OpenItem],
    payments: &[Payment],
    knowledge: &Knowledge,
    settings: &Settings,
) -> Vec<Proposal> {
    let mut engine = Engine::new(items, knowledge, settings);
    let mut order: Vec<&Payment> = payments.iter().collect();
    order.sort_by_key(|payment| (payment.booking_date, payment.transaction_id));
    let mut proposals = Vec::new();
    for payment in order {
        if let Some(proposal) = engine.place(payment) {
            if proposal.auto {
                engine.book(&proposal);
            }
            proposals.push(proposal);
        }
    }
    proposals
}

/// How an unplaced payment points to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pointer {
    /// The payer's IBAN is known for the customer.
    Iban,
    /// The payer's name is like the customer's.
    Name,
    /// An invoice number or reference of the customer's is in the remittance.
    Invoice(String),
    /// Nothing else points anywhere, and the amount is exactly what one of
    /// the customer's invoices has open (for at most
    /// [`AMOUNT_POINTER_CUSTOMERS`] customers): the commonest "but I paid"
    /// when the payer wrote nothing and pays from an unknown account.
    Amount(String),
}

/// An amount alone points to the customers with an invoice of exactly that
/// open amount when there are at most this many of them (measured on the
/// generated business: paid invoices reminded 26 → 18 over four seeds, with
/// 10 % fewer reminders listed); a monthly fee billed to more customers
/// holds none of them, and a person places such a payment in Reconcile.
pub const AMOUNT_POINTER_CUSTOMERS: usize = 10;

/// The customers a payment points to, and why: by IBAN, by name, or by an
/// invoice number or reference of theirs in the remittance, as
/// (transaction id, customer id, pointer). For the dunning gate
/// (`domain.md` §1.3 item 2), which holds reminders to a customer with an
/// unplaced payment.
pub fn pointers(
    items: &[OpenItem],
    payments: &[Payment],
    knowledge: &Knowledge,
    settings: &Settings,
) -> Vec<(i64, i64, Pointer)> {
    let mut engine = Engine::new(items, knowledge, settings);
    let mut found = Vec::new();
    for payment in payments {
        let signals = engine.signals(payment);
        let mut seen: HashSet<i64> = HashSet::new();
        if let Some(customer) = signals.iban_customer {
            seen.insert(customer);
            found.push((payment.transaction_id, customer, Pointer::Iban));
        }
        if let Some((customer, _)) = signals.name_customer
            && seen.insert(customer)
        {
            found.push((payment.transaction_id, customer, Pointer::Name));
        }
        for position in signals.references.iter().chain(&signals.named) {
            if let Some(item) = engine.items.get(*position as usize)
                && seen.insert(item.customer_id)
            {
                found.push((
                    payment.transaction_id,
                    item.customer_id,
                    Pointer::Invoice(item.number.clone()),
                ));
            }
        }
        if seen.is_empty() && payment.amount.is_positive() {
            found.extend(
                engine
                    .same_amount(payment)
                    .into_iter()
                    .map(|(customer, number)| {
                        (payment.transaction_id, customer, Pointer::Amount(number))
                    }),
            );
        }
    }
    found
}

/// Words and codes that mark a debit as a return of an incoming payment.
const RETURN_SIGNS: [&str; 9] = [
    "storno",
    "terugboeking",
    "retour",
    "/rtrn/",
    "chargeback",
    "terugstorting",
    "gestorneerd",
    "return",
    "reversal",
];

/// SEPA return reason codes the domain guide names.
const RETURN_CODES: [&str; 4] = ["AC04", "AC06", "MD06", "MS03"];

/// Reads a return from a remittance text: a word such as `storno` or
/// `terugboeking`, or a SEPA return code (`AC04`, `AC06`, `MD06`, `MS03`).
pub fn detect_reversal(remittance: &str) -> Option<Reversal> {
    let lower = remittance.to_lowercase();
    let code = remittance
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|word| RETURN_CODES.contains(word))
        .map(str::to_owned);
    let worded = RETURN_SIGNS.iter().any(|sign| lower.contains(sign));
    (worded || code.is_some()).then_some(Reversal { reason: code })
}

/// Signs that a payer pays on behalf of someone else (payment provider,
/// factoring): never trust or learn its IBAN.
const SHARED_SIGNS: [&str; 4] = [" inzake ", " i.z. ", "derdengelden", " namens "];

/// True when the name or remittance shows the payer pays for someone else,
/// or the bank names an ultimate debtor (`UltmtDbtr`) other than the payer
/// (`domain.md` §5.1.3).
pub(crate) fn looks_shared(
    name: Option<&str>,
    remittance: Option<&str>,
    ultimate_debtor: Option<&str>,
) -> bool {
    let worded = [name, remittance].into_iter().flatten().any(|text| {
        let padded = format!(" {} ", text.to_lowercase());
        SHARED_SIGNS.iter().any(|sign| padded.contains(sign))
    });
    worded || ultimate_differs(name, ultimate_debtor)
}

/// True when an ultimate debtor is named and is not the payer itself.
fn ultimate_differs(payer: Option<&str>, ultimate_debtor: Option<&str>) -> bool {
    let (Some(payer), Some(ultimate)) = (payer, ultimate_debtor) else {
        return false;
    };
    let (payer, ultimate) = (super::name::tokens(payer), super::name::tokens(ultimate));
    if payer.is_empty() || ultimate.is_empty() {
        return false;
    }
    super::name::similarity(&payer, &ultimate) < SAME_PARTY
}

/// Names at least this alike are the same party (payer and ultimate debtor).
const SAME_PARTY: f64 = 0.9;

/// An IBAN in the form the engine compares: upper case, no spaces.
pub fn normalise_iban(iban: &str) -> String {
    iban.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// What a payment says, before the amount is considered.
#[derive(Debug, Default)]
struct Signals {
    /// The one customer the IBAN is known for.
    iban_customer: Option<i64>,
    /// The IBAN is shared (provider, factoring) or ambiguous.
    iban_unusable: bool,
    /// The customer whose name is clearly the most alike, with the score.
    name_customer: Option<(i64, f64)>,
    /// Items whose issued reference the payment carries, with how it was written.
    references: Vec<u32>,
    /// How the first reference was written, for the reason.
    reference_text: Option<(Kind, String)>,
    /// Items named by number, in order of mention.
    named: Vec<u32>,
    /// Named items that are no longer open (already paid).
    named_closed: Vec<u32>,
    /// Where the numbers were found: description and/or end-to-end id.
    named_in_end_to_end: bool,
}

/// How a payment of more than the named items' open total is read.
struct Over {
    evidence: Evidence,
    /// The items to allocate to.
    set: Vec<u32>,
    /// What stays unallocated: the customer's credit.
    unapplied: Money,
    notes: Vec<ReasonPart>,
    holds: Vec<Hold>,
}

struct Engine<'a> {
    items: &'a [OpenItem],
    positions: HashMap<i64, u32>,
    remaining: Vec<Money>,
    numbers: NumberIndex,
    references: HashMap<String, Vec<u32>>,
    by_customer: HashMap<i64, Vec<u32>>,
    by_amount: HashMap<Money, Vec<u32>>,
    ibans: HashMap<String, Vec<i64>>,
    shared: HashSet<String>,
    names: NameIndex,
    name_cache: HashMap<String, Option<(i64, f64)>>,
    customers: HashMap<i64, &'a Customer>,
    earlier: &'a [super::EarlierPayment],
    settings: &'a Settings,
}

impl<'a> Engine<'a> {
    fn new(items: &'a [OpenItem], knowledge: &'a Knowledge, settings: &'a Settings) -> Engine<'a> {
        let mut numbers = NumberIndex::default();
        let mut references: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_customer: HashMap<i64, Vec<u32>> = HashMap::new();
        let mut by_amount: HashMap<Money, Vec<u32>> = HashMap::new();
        for (position, item) in items.iter().enumerate() {
            let Ok(position) = u32::try_from(position) else {
                break;
            };
            numbers.insert(&item.number, position);
            if let Some(reference) = &item.reference {
                let key = reference::normalise(reference);
                if !key.is_empty() {
                    references.entry(key).or_default().push(position);
                }
            }
            by_customer
                .entry(item.customer_id)
                .or_default()
                .push(position);
            by_amount.entry(item.open).or_default().push(position);
        }
        for positions in by_customer.values_mut() {
            positions.sort_by(|left, right| {
                let key = |position: &u32| {
                    items
                        .get(*position as usize)
                        .map(|item| (item.due_date, item.invoice_date, item.number.as_str()))
                };
                key(left).cmp(&key(right))
            });
        }
        let mut ibans: HashMap<String, Vec<i64>> = HashMap::new();
        for (iban, customer) in &knowledge.ibans {
            let owners = ibans.entry(normalise_iban(iban)).or_default();
            if !owners.contains(customer) {
                owners.push(*customer);
            }
        }
        let mut names = NameIndex::default();
        for customer in &knowledge.customers {
            names.insert(customer.id, &customer.name);
        }
        Engine {
            items,
            positions: items
                .iter()
                .enumerate()
                .filter_map(|(position, item)| {
                    Some((item.invoice_id, u32::try_from(position).ok()?))
                })
                .collect(),
            remaining: items.iter().map(|item| item.open).collect(),
            numbers,
            references,
            by_customer,
            by_amount,
            ibans,
            shared: knowledge
                .shared_ibans
                .iter()
                .map(|iban| normalise_iban(iban))
                .collect(),
            names,
            name_cache: HashMap::new(),
            customers: knowledge
                .customers
                .iter()
                .map(|customer| (customer.id, customer))
                .collect(),
            earlier: &knowledge.earlier,
            settings,
        }
    }

    fn item(&self, position: u32) -> Option<&'a OpenItem> {
        self.items.get(position as usize)
    }

    fn item_by_invoice(&self, invoice_id: i64) -> Option<&'a OpenItem> {
        self.positions
            .get(&invoice_id)
            .and_then(|position| self.item(*position))
    }

    fn open(&self, position: u32) -> Money {
        self.remaining
            .get(position as usize)
            .copied()
            .unwrap_or(Money::ZERO)
    }

    /// Lowers what is open after an automatic booking, keeping the amount index current.
    fn book(&mut self, proposal: &Proposal) {
        for allocation in &proposal.allocations {
            let Some(position) = self.positions.get(&allocation.invoice_id).copied() else {
                continue;
            };
            let before = self.open(position);
            let after = before - allocation.amount;
            if let Some(slot) = self.remaining.get_mut(position as usize) {
                *slot = after;
            }
            if let Some(list) = self.by_amount.get_mut(&before) {
                list.retain(|other| *other != position);
            }
            self.by_amount.entry(after).or_default().push(position);
        }
    }

    fn customer_name(&self, customer: i64) -> String {
        self.customers.get(&customer).map_or_else(
            || format!("customer {customer}"),
            |customer| customer.name.clone(),
        )
    }

    fn customer_code(&self, customer: i64) -> String {
        self.customers
            .get(&customer)
            .map_or_else(|| customer.to_string(), |customer| customer.code.clone())
    }

    fn name_match(&mut self, name: &str) -> Option<(i64, f64)> {
        if let Some(cached) = self.name_cache.get(name) {
            return *cached;
        }
        let threshold = self.settings.name_threshold.fraction();
        let found = self.names.matches(name, threshold);
        // A clear winner only: two customers about as alike point to neither.
        let best = match found.as_slice() {
            [] => None,
            [only] => Some(*only),
            [first, second, ..] => (first.1 - second.1 >= 0.03).then_some(*first),
        };
        self.name_cache.insert(name.to_owned(), best);
        best
    }

    fn signals(&mut self, payment: &Payment) -> Signals {
        let mut signals = Signals::default();
        let shared = looks_shared(
            payment.counterparty_name.as_deref(),
            payment.remittance.as_deref(),
            payment.ultimate_debtor.as_deref(),
        );
        if let Some(iban) = &payment.counterparty_iban {
            let iban = normalise_iban(iban);
            let owners = self.ibans.get(&iban).map_or(&[][..], Vec::as_slice);
            if shared || self.shared.contains(&iban) || owners.len() > 1 {
                signals.iban_unusable = true;
            } else if let [owner] = owners {
                signals.iban_customer = Some(*owner);
            }
        }
        // The name counts only where the IBAN does not already say who paid.
        if !shared
            && signals.iban_customer.is_none()
            && let Some(name) = payment.counterparty_name.as_deref()
        {
            signals.name_customer = self.name_match(name);
        }

        // References: the field first, then any written in the text.
        let mut written: Vec<(Kind, String)> = Vec::new();
        if let Some(field) = &payment.structured_reference {
            let (kind, valid) = reference::classify(field);
            if valid && kind != Kind::Iban {
                written.push((kind, field.trim().to_owned()));
            }
        }
        let texts: Vec<&str> = [
            payment.remittance.as_deref(),
            payment.structured_reference.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut blanked: Vec<String> = Vec::with_capacity(texts.len());
        for text in &texts {
            let (found, rest) = scan_references(text);
            written.extend(found);
            blanked.push(rest);
        }
        for (kind, text) in written {
            let key = reference::normalise(&text);
            for position in self.references.get(&key).into_iter().flatten() {
                if !signals.references.contains(position) {
                    signals.references.push(*position);
                    if signals.reference_text.is_none() {
                        signals.reference_text = Some((kind, text.clone()));
                    }
                }
            }
        }

        // Invoice numbers: strong forms anywhere, weak ones within a customer
        // the other signals point to.
        let mut mentions: Vec<Mention> = Vec::new();
        for text in &blanked {
            mentions.extend(number::mentions(text));
        }
        let end_to_end: Vec<Mention> = payment
            .end_to_end_id
            .as_deref()
            .map(number::mentions)
            .unwrap_or_default();
        let mut context: Vec<i64> = Vec::new();
        context.extend(signals.iban_customer);
        context.extend(signals.name_customer.map(|(customer, _)| customer));
        for position in &signals.references {
            context.extend(self.item(*position).map(|item| item.customer_id));
        }
        let mut named = Vec::new();
        let mut closed = Vec::new();
        for strong_pass in [true, false] {
            for (source, list) in [(false, &mentions), (true, &end_to_end)] {
                let resolved =
                    self.resolve(list, &context, strong_pass, &payment.rejected_invoices);
                for position in resolved {
                    if named.contains(&position) || closed.contains(&position) {
                        continue;
                    }
                    if self.open(position).is_zero() {
                        closed.push(position);
                        continue;
                    }
                    if source && !signals.references.contains(&position) {
                        signals.named_in_end_to_end = true;
                    }
                    named.push(position);
                    if let Some(item) = self.item(position)
                        && strong_pass
                        && !context.contains(&item.customer_id)
                    {
                        context.push(item.customer_id);
                    }
                }
            }
        }
        signals.references.retain(|position| {
            !payment.rejected_invoices.contains(
                &self
                    .items
                    .get(*position as usize)
                    .map_or(0, |item| item.invoice_id),
            )
        });
        signals.named = named;
        signals.named_closed = closed;
        signals
    }

    /// Resolves mentions to item positions: only strong keys in the strong
    /// pass, only weak keys (within the context customers) in the other. A
    /// joined reading (across a line wrap) wins over the split one.
    fn resolve(
        &self,
        mentions: &[Mention],
        context: &[i64],
        strong_pass: bool,
        rejected: &[i64],
    ) -> Vec<u32> {
        let mut found = Vec::new();
        let mut joined_groups: HashSet<u32> = HashSet::new();
        for mention in mentions
            .iter()
            .filter(|mention| mention.reading == Reading::Joined)
        {
            let hits = self.resolve_one(mention, context, strong_pass, rejected);
            if !hits.is_empty() {
                joined_groups.insert(mention.group);
                found.extend(hits);
            }
        }
        for mention in mentions
            .iter()
            .filter(|mention| mention.reading != Reading::Joined)
        {
            if mention.reading == Reading::Split && joined_groups.contains(&mention.group) {
                continue;
            }
            found.extend(self.resolve_one(mention, context, strong_pass, rejected));
        }
        found
    }

    fn resolve_one(
        &self,
        mention: &Mention,
        context: &[i64],
        strong_pass: bool,
        rejected: &[i64],
    ) -> Vec<u32> {
        for key in &mention.keys {
            if key.is_weak() == strong_pass {
                continue;
            }
            let mut hits: Vec<u32> = self
                .numbers
                .get(*key)
                .iter()
                .copied()
                .filter(|position| {
                    self.item(*position).is_some_and(|item| {
                        !rejected.contains(&item.invoice_id)
                            && (!key.is_weak() || context.contains(&item.customer_id))
                    })
                })
                .collect();
            if hits.is_empty() {
                continue;
            }
            // A credit-note mention prefers credit notes, an invoice mention invoices.
            let preferred: Vec<u32> = hits
                .iter()
                .copied()
                .filter(|position| {
                    self.item(*position)
                        .is_some_and(|item| item.credit_note == mention.credit)
                })
                .collect();
            if !preferred.is_empty() {
                hits = preferred;
            }
            // Several invoices share the form (two ledgers, two years): the
            // customers the payment points to decide, else all stay (and the
            // amount must pick).
            if hits.len() > 1 {
                let in_context: Vec<u32> = hits
                    .iter()
                    .copied()
                    .filter(|position| {
                        self.item(*position)
                            .is_some_and(|item| context.contains(&item.customer_id))
                    })
                    .collect();
                if !in_context.is_empty() {
                    hits = in_context;
                }
            }
            return hits;
        }
        Vec::new()
    }

    fn place(&mut self, payment: &Payment) -> Option<Proposal> {
        if payment.amount.is_negative() {
            return self.place_debit(payment);
        }
        if !payment.amount.is_positive() {
            return None;
        }
        let signals = self.signals(payment);
        let mut designated: Vec<u32> = signals.references.clone();
        for position in &signals.named {
            if !designated.contains(position) {
                designated.push(*position);
            }
        }
        let closed_reference = designated
            .iter()
            .any(|position| self.open(*position).is_zero());
        designated.retain(|position| !self.open(*position).is_zero());
        if !designated.is_empty() {
            // Trap: the number of another customer's invoice typed by
            // mistake. When the known IBAN's customer has an item that fits
            // the amount, suggest that instead, never booking either.
            if let Some(customer) = signals.iban_customer {
                let foreign = designated.iter().all(|position| {
                    self.item(*position)
                        .is_some_and(|item| item.customer_id != customer)
                });
                let fits = self
                    .place_for_customer(payment, &signals, customer, true)
                    .filter(|proposal| proposal.evidence != Evidence::KnownIbanOnly);
                if let (true, Some(mut proposal)) = (foreign, fits) {
                    proposal.auto = false;
                    proposal
                        .reasons
                        .push(ReasonPart::NamedOtherCustomer(self.numbers(&designated)));
                    return Some(proposal);
                }
            }
            return Some(self.place_designated(payment, &signals, designated));
        }
        // A payment that names only invoices already paid is not guessed at
        // by IBAN, name or amount: a person looks (a double payment, most likely).
        if closed_reference || !signals.named_closed.is_empty() {
            return None;
        }
        if let Some(customer) = signals.iban_customer {
            return self.place_for_customer(payment, &signals, customer, true);
        }
        if let Some((customer, _)) = signals.name_customer {
            return self.place_for_customer(payment, &signals, customer, false);
        }
        self.place_by_amount(payment, &signals)
    }

    fn tolerance(&self, amount: Money) -> Money {
        let relative = Money::new(
            amount.decimal()
                * rust_decimal::Decimal::new(i64::from(self.settings.tolerance_permille), 3),
        );
        self.settings.tolerance.max(relative)
    }

    /// The payment names items (reference or numbers): the debtor's own designation.
    fn place_designated(
        &self,
        payment: &Payment,
        signals: &Signals,
        mut set: Vec<u32>,
    ) -> Proposal {
        set.sort_by_key(|position| {
            self.item(*position)
                .map(|item| (!item.credit_note, item.due_date, item.number.clone()))
        });
        let amount = payment.amount;
        let total: Money = set.iter().map(|position| self.open(*position)).sum();
        let by_reference = set
            .iter()
            .all(|position| signals.references.contains(position))
            && !signals.references.is_empty();
        let mut notes: Vec<ReasonPart> = Vec::new();
        let mut holds: Vec<Hold> = Vec::new();
        let mut allocation_set = set.clone();
        let mut unapplied = Money::ZERO;
        let tolerance = self.tolerance(total);
        let evidence = if amount == total {
            notes.push(if set.len() > 1 {
                ReasonPart::AmountEqualNamed(set.len())
            } else {
                ReasonPart::AmountEqual
            });
            if by_reference {
                Evidence::ReferenceExact
            } else {
                Evidence::NumbersExact
            }
        } else if amount < total && total - amount <= tolerance {
            notes.push(ReasonPart::ShortBankCosts(total - amount));
            Evidence::NumbersWithinTolerance
        } else {
            let amounts: Vec<Money> = set.iter().map(|position| self.open(*position)).collect();
            let fit = if set.len() > 1 {
                combination::subsets(&amounts, amount)
            } else {
                Fit::None
            };
            match fit {
                Fit::Unique(chosen) => {
                    allocation_set = chosen
                        .iter()
                        .filter_map(|index| set.get(*index).copied())
                        .collect();
                    notes.push(ReasonPart::AmountEqualPartOfNamed(
                        self.numbers(&allocation_set),
                    ));
                    Evidence::NamedSubset
                }
                Fit::Ambiguous(first, second) => {
                    allocation_set = first
                        .iter()
                        .filter_map(|index| set.get(*index).copied())
                        .collect();
                    let other: Vec<u32> = second
                        .iter()
                        .filter_map(|index| set.get(*index).copied())
                        .collect();
                    holds.push(Hold::Ambiguous);
                    notes.push(ReasonPart::Ambiguous(
                        self.numbers(&allocation_set),
                        self.numbers(&other),
                    ));
                    Evidence::NamedSubset
                }
                Fit::None if amount < total => {
                    notes.push(ReasonPart::Partial(total - amount));
                    let single = set.len() == 1;
                    let customer = set
                        .first()
                        .and_then(|position| self.item(*position))
                        .map(|item| item.customer_id);
                    let confirmed = customer.is_some()
                        && (signals.iban_customer == customer
                            || signals.name_customer.map(|(id, _)| id) == customer);
                    match (single, by_reference, confirmed) {
                        (true, true, _) => Evidence::ReferencePartial,
                        (true, false, true) => Evidence::NumberPartialConfirmed,
                        _ => Evidence::AmountDiffers,
                    }
                }
                Fit::None => {
                    let over = self.over_named(payment, signals, &set, total, by_reference);
                    allocation_set = over.set;
                    unapplied = over.unapplied;
                    notes.extend(over.notes);
                    holds.extend(over.holds);
                    over.evidence
                }
            }
        };
        let allocations = self.allocate_in_order(&allocation_set, amount);
        let mut reasons = Vec::new();
        if let (Some((kind, text)), true) =
            (&signals.reference_text, !signals.references.is_empty())
        {
            reasons.push(ReasonPart::ReferenceValid {
                kind: *kind,
                written: text.clone(),
                numbers: self.numbers(&signals.references),
            });
        }
        let named_only: Vec<u32> = set
            .iter()
            .copied()
            .filter(|position| !signals.references.contains(position))
            .collect();
        if !named_only.is_empty() {
            reasons.push(ReasonPart::NumbersIn {
                numbers: self.numbers(&named_only),
                end_to_end: signals.named_in_end_to_end,
            });
        }
        self.finish(
            payment,
            signals,
            evidence,
            allocations,
            unapplied,
            reasons,
            notes,
            holds,
        )
    }

    /// More paid than the named items' open total (`domain.md` §5.2).
    ///
    /// When the named items and others of their one customer add up to the
    /// amount, and exactly one set of that customer's open items containing
    /// every named one does (credit notes count as negatives), that set is
    /// the answer: a combined payment of which the payer named only some.
    /// When no set does, the named items are settled and the surplus stays
    /// unallocated as the customer's credit (an overpayment). Either is
    /// booked only when the customer is confirmed — by an issued reference,
    /// or the payer's IBAN or name — and the search saw every open item of
    /// the customer issued by the payment date (one issued later cannot be
    /// what an unnamed part paid). Two sets fitting, an amount equal to
    /// another open invoice that was not named (a typo in the number), or an
    /// invoice named that is already paid (paid twice?) are left to a person.
    fn over_named(
        &self,
        payment: &Payment,
        signals: &Signals,
        named: &[u32],
        total: Money,
        by_reference: bool,
    ) -> Over {
        let amount = payment.amount;
        let surplus = amount - total;
        let mut customers: Vec<i64> = named
            .iter()
            .filter_map(|position| self.item(*position))
            .map(|item| item.customer_id)
            .collect();
        customers.sort_unstable();
        customers.dedup();
        let plain = Over {
            evidence: Evidence::AmountDiffers,
            set: named.to_vec(),
            unapplied: surplus,
            notes: vec![ReasonPart::Over(surplus)],
            holds: Vec::new(),
        };
        let [customer] = customers.as_slice() else {
            return plain;
        };
        let confirmed = by_reference
            || signals.iban_customer == Some(*customer)
            || (signals.iban_customer.is_none()
                && signals.name_customer.map(|(id, _)| id) == Some(*customer));
        // A payment that also names an invoice already paid is most likely
        // paid twice: its surplus is for a person, not for other invoices.
        let mut paid_named: Vec<u32> = signals.named_closed.clone();
        paid_named.extend(
            signals
                .references
                .iter()
                .copied()
                .filter(|position| self.open(*position).is_zero()),
        );
        let sure = confirmed && paid_named.is_empty();
        let others: Vec<u32> = self
            .customer_items(*customer, payment)
            .into_iter()
            .filter(|position| !named.contains(position) && self.issued_by(*position, payment))
            .collect();
        let exhaustive = others.len() <= combination::MAX_ITEMS;
        let amounts: Vec<Money> = others.iter().map(|position| self.open(*position)).collect();
        let with_named = |chosen: &[usize]| -> Vec<u32> {
            let mut set = named.to_vec();
            set.extend(
                chosen
                    .iter()
                    .filter_map(|index| others.get(*index).copied()),
            );
            set
        };
        let mut notes = Vec::new();
        let mut holds = Vec::new();
        if !paid_named.is_empty() {
            notes.push(ReasonPart::NamesPaid(self.numbers(&paid_named)));
        }
        if !exhaustive {
            notes.push(ReasonPart::SearchBounded(combination::MAX_ITEMS));
        }
        match combination::subsets(&amounts, surplus) {
            Fit::Unique(chosen) => {
                let rest: Vec<u32> = chosen
                    .iter()
                    .filter_map(|index| others.get(*index).copied())
                    .collect();
                notes.insert(
                    0,
                    ReasonPart::AmountEqualNamedAndOthers(self.numbers(&rest)),
                );
                Over {
                    evidence: if sure && exhaustive {
                        Evidence::NamedWithOthers
                    } else {
                        Evidence::AmountDiffers
                    },
                    set: with_named(&chosen),
                    unapplied: Money::ZERO,
                    notes,
                    holds,
                }
            }
            Fit::Ambiguous(first, second) => {
                let (first, second) = (with_named(&first), with_named(&second));
                holds.push(Hold::Ambiguous);
                notes.insert(
                    0,
                    ReasonPart::Ambiguous(self.numbers(&first), self.numbers(&second)),
                );
                Over {
                    evidence: Evidence::AmountDiffers,
                    set: first,
                    unapplied: Money::ZERO,
                    notes,
                    holds,
                }
            }
            Fit::None => {
                let typo: Vec<u32> = others
                    .iter()
                    .copied()
                    .filter(|position| self.open(*position) == amount)
                    .collect();
                if !typo.is_empty() {
                    notes.insert(0, ReasonPart::EqualsUnnamedItem(self.numbers(&typo)));
                }
                let settled = sure && exhaustive && typo.is_empty();
                notes.insert(
                    0,
                    if settled {
                        ReasonPart::Overpaid(surplus)
                    } else {
                        ReasonPart::Over(surplus)
                    },
                );
                Over {
                    evidence: match (settled, by_reference) {
                        (false, _) => Evidence::AmountDiffers,
                        (true, true) => Evidence::ReferenceOverpaid,
                        (true, false) => Evidence::NumbersOverpaid,
                    },
                    set: named.to_vec(),
                    unapplied: surplus,
                    notes,
                    holds,
                }
            }
        }
    }

    /// Allocates `amount` over the items in order, each up to what is open;
    /// credit notes (negative) add to what is left for the others.
    fn allocate_in_order(&self, positions: &[u32], amount: Money) -> Vec<Allocation> {
        let mut left = amount;
        let mut allocations = Vec::new();
        // Credit notes first, so that they add to what the invoices can take.
        let mut ordered = positions.to_vec();
        ordered.sort_by_key(|position| !self.open(*position).is_negative());
        for position in &ordered {
            let Some(item) = self.item(*position) else {
                continue;
            };
            let open = self.open(*position);
            let applied = if open.is_negative() {
                open
            } else {
                open.min(left)
            };
            if applied.is_zero() {
                continue;
            }
            left -= applied;
            allocations.push(Allocation {
                invoice_id: item.invoice_id,
                amount: applied,
            });
        }
        allocations
    }

    /// True when the item was issued on or before the payment's booking
    /// date: only then can a payer that does not name it have meant it.
    fn issued_by(&self, position: u32, payment: &Payment) -> bool {
        self.item(position)
            .is_some_and(|item| item.invoice_date <= payment.booking_date)
    }

    /// The invoice numbers of items, in order, for a reason.
    fn numbers(&self, positions: &[u32]) -> Vec<String> {
        positions
            .iter()
            .filter_map(|position| self.item(*position))
            .map(|item| item.number.clone())
            .collect()
    }

    /// The customer's open items, oldest due first, without rejected ones.
    fn customer_items(&self, customer: i64, payment: &Payment) -> Vec<u32> {
        self.by_customer
            .get(&customer)
            .map(|positions| {
                positions
                    .iter()
                    .copied()
                    .filter(|position| !self.open(*position).is_zero())
                    .filter(|position| {
                        self.item(*position).is_some_and(|item| {
                            !payment.rejected_invoices.contains(&item.invoice_id)
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// No item named: the customer is known by IBAN (`by_iban`) or by name.
    fn place_for_customer(
        &self,
        payment: &Payment,
        signals: &Signals,
        customer: i64,
        by_iban: bool,
    ) -> Option<Proposal> {
        let amount = payment.amount;
        let positions = self.customer_items(customer, payment);
        let mut notes = Vec::new();
        let mut holds = Vec::new();
        let reasons = vec![if by_iban {
            ReasonPart::IbanKnown
        } else {
            ReasonPart::NameLike(self.customer_name(customer))
        }];
        let singles: Vec<u32> = positions
            .iter()
            .copied()
            .filter(|position| self.open(*position) == amount)
            .collect();
        let instalment = positions.iter().copied().find(|position| {
            self.item(*position).is_some_and(|item| {
                item.instalments.iter().any(|(date, instalment)| {
                    *instalment == amount && (payment.booking_date - *date).num_days().abs() <= 7
                })
            })
        });
        let (evidence, chosen): (Evidence, Vec<u32>) = if let [single] = singles.as_slice() {
            notes.push(ReasonPart::AmountOnlyItem(self.numbers(&[*single])));
            // Other invoices that together make the same amount are another
            // reading: two or more sets fit, so a person decides. Credit
            // notes are left out here: a payer who nets one against an
            // invoice without naming either is rare, one invoice paid is not.
            let others: Vec<u32> = positions
                .iter()
                .copied()
                .filter(|position| {
                    position != single
                        && self.open(*position).is_positive()
                        && self.issued_by(*position, payment)
                })
                .collect();
            let amounts: Vec<Money> = others.iter().map(|position| self.open(*position)).collect();
            if let Fit::Unique(chosen) | Fit::Ambiguous(chosen, _) =
                combination::subsets(&amounts, amount)
            {
                let together: Vec<u32> = chosen
                    .iter()
                    .filter_map(|index| others.get(*index).copied())
                    .collect();
                holds.push(Hold::Ambiguous);
                notes.push(ReasonPart::Ambiguous(
                    self.numbers(&[*single]),
                    self.numbers(&together),
                ));
            }
            (
                if by_iban {
                    Evidence::KnownIbanSingleExact
                } else {
                    Evidence::NameUniqueAmount
                },
                vec![*single],
            )
        } else if let (Some(position), true) = (instalment, by_iban) {
            notes.push(ReasonPart::Instalment(self.numbers(&[position])));
            (Evidence::KnownIbanInstalment, vec![position])
        } else if let [first, ..] = singles.as_slice() {
            holds.push(Hold::Ambiguous);
            notes.push(ReasonPart::SeveralEqual(
                singles.len(),
                self.numbers(&[*first]),
            ));
            (
                if by_iban {
                    Evidence::KnownIbanSubset
                } else {
                    Evidence::NameUniqueAmount
                },
                vec![*first],
            )
        } else {
            // Combinations only of invoices issued by the payment date: one
            // issued later cannot be what an unnamed payment paid. An exact
            // combination comes before a single item short by bank costs.
            let issued: Vec<u32> = positions
                .iter()
                .copied()
                .filter(|position| self.issued_by(*position, payment))
                .collect();
            let amounts: Vec<Money> = issued.iter().map(|position| self.open(*position)).collect();
            let exhaustive = issued.len() <= combination::MAX_ITEMS;
            if !exhaustive {
                notes.push(ReasonPart::SearchBounded(combination::MAX_ITEMS));
            }
            let subset_evidence = if by_iban {
                Evidence::KnownIbanSubset
            } else {
                Evidence::NameUniqueAmount
            };
            match combination::subsets(&amounts, amount) {
                Fit::Unique(chosen) => {
                    let chosen: Vec<u32> = chosen
                        .iter()
                        .filter_map(|index| issued.get(*index).copied())
                        .collect();
                    notes.push(ReasonPart::AmountEqualTogether(self.numbers(&chosen)));
                    if exhaustive {
                        notes.push(ReasonPart::OnlySet);
                    }
                    (subset_evidence, chosen)
                }
                Fit::Ambiguous(first, second) => {
                    let first: Vec<u32> = first
                        .iter()
                        .filter_map(|index| issued.get(*index).copied())
                        .collect();
                    let second: Vec<u32> = second
                        .iter()
                        .filter_map(|index| issued.get(*index).copied())
                        .collect();
                    holds.push(Hold::Ambiguous);
                    notes.push(ReasonPart::Ambiguous(
                        self.numbers(&first),
                        self.numbers(&second),
                    ));
                    (subset_evidence, first)
                }
                Fit::None => {
                    if let Some(position) = self.within_tolerance(&positions, amount) {
                        notes.push(ReasonPart::ShortOf(
                            self.open(position) - amount,
                            self.numbers(&[position]),
                        ));
                        (
                            if by_iban {
                                Evidence::KnownIbanWithinTolerance
                            } else {
                                Evidence::NameUniqueAmount
                            },
                            vec![position],
                        )
                    } else if by_iban {
                        // Oldest first among the invoices issued by then;
                        // a payment before all of them is a prepayment.
                        let open: Vec<u32> = positions
                            .iter()
                            .copied()
                            .filter(|position| self.open(*position).is_positive())
                            .collect();
                        let issued_open: Vec<u32> = open
                            .iter()
                            .copied()
                            .filter(|position| self.issued_by(*position, payment))
                            .collect();
                        let invoices = if issued_open.is_empty() {
                            open
                        } else {
                            issued_open
                        };
                        if invoices.is_empty() {
                            return None;
                        }
                        notes.push(ReasonPart::OldestFirst);
                        (Evidence::KnownIbanOnly, invoices)
                    } else {
                        return None;
                    }
                }
            }
        };
        let allocations = self.allocate_in_order(&chosen, amount);
        let allocated: Money = allocations.iter().map(|allocation| allocation.amount).sum();
        let unapplied = (amount - allocated).max(Money::ZERO);
        if unapplied.is_positive() && evidence == Evidence::KnownIbanOnly {
            notes.push(ReasonPart::KeptAsCredit(unapplied));
        }
        Some(self.finish(
            payment,
            signals,
            evidence,
            allocations,
            unapplied,
            reasons,
            notes,
            holds,
        ))
    }

    fn within_tolerance(&self, positions: &[u32], amount: Money) -> Option<u32> {
        let fits: Vec<u32> = positions
            .iter()
            .copied()
            .filter(|position| {
                let open = self.open(*position);
                open > amount && open - amount <= self.tolerance(open)
            })
            .collect();
        match fits.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// The customers (at most [`AMOUNT_POINTER_CUSTOMERS`], else none) with
    /// an invoice whose open amount is exactly the payment's, each with the
    /// first such invoice's number.
    fn same_amount(&self, payment: &Payment) -> Vec<(i64, String)> {
        let mut customers: Vec<(i64, String)> = Vec::new();
        for item in self
            .open_at_amount(payment)
            .filter_map(|position| self.item(position))
        {
            if customers
                .iter()
                .any(|(customer, _)| *customer == item.customer_id)
            {
                continue;
            }
            customers.push((item.customer_id, item.number.clone()));
            if customers.len() > AMOUNT_POINTER_CUSTOMERS {
                return Vec::new();
            }
        }
        customers
    }

    /// The open invoices (no credit notes) dated on or before the payment
    /// whose open amount is exactly the payment's.
    fn open_at_amount<'s>(&'s self, payment: &'s Payment) -> impl Iterator<Item = u32> + 's {
        self.by_amount
            .get(&payment.amount)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |position| {
                self.open(*position) == payment.amount
                    && self.item(*position).is_some_and(|item| {
                        !item.credit_note && item.invoice_date <= payment.booking_date
                    })
            })
    }

    /// Only the amount: one open invoice in the whole book has it.
    fn place_by_amount(&self, payment: &Payment, signals: &Signals) -> Option<Proposal> {
        let fits: Vec<u32> = self
            .open_at_amount(payment)
            .filter(|position| {
                self.item(*position)
                    .is_some_and(|item| !payment.rejected_invoices.contains(&item.invoice_id))
            })
            .collect();
        let [only] = fits.as_slice() else {
            return None;
        };
        let allocations = self.allocate_in_order(&[*only], payment.amount);
        let notes = vec![ReasonPart::AmountUniqueAmongOpen(self.numbers(&[*only]))];
        Some(self.finish(
            payment,
            signals,
            Evidence::AmountOnlyUnique,
            allocations,
            Money::ZERO,
            Vec::new(),
            notes,
            Vec::new(),
        ))
    }

    /// Scores and words a proposal: adjustments for agreeing and
    /// conflicting signals, holds that forbid booking it automatically.
    #[allow(clippy::too_many_arguments, reason = "one private assembly step")]
    fn finish(
        &self,
        payment: &Payment,
        signals: &Signals,
        evidence: Evidence,
        allocations: Vec<Allocation>,
        unapplied: Money,
        mut reasons: Vec<ReasonPart>,
        notes: Vec<ReasonPart>,
        mut holds: Vec<Hold>,
    ) -> Proposal {
        let items: Vec<&OpenItem> = allocations
            .iter()
            .filter_map(|allocation| self.item_by_invoice(allocation.invoice_id))
            .collect();
        let mut customers: Vec<i64> = items.iter().map(|item| item.customer_id).collect();
        customers.sort_unstable();
        customers.dedup();
        let customer = match customers.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        let mut adjustments = Vec::new();
        let iban_based = matches!(
            evidence,
            Evidence::KnownIbanSingleExact
                | Evidence::KnownIbanInstalment
                | Evidence::KnownIbanWithinTolerance
                | Evidence::KnownIbanSubset
                | Evidence::KnownIbanOnly
        );
        match (signals.iban_customer, customer) {
            (Some(known), Some(customer)) if known == customer => {
                if !iban_based {
                    adjustments.push(Adjustment::IbanAgrees);
                    reasons.insert(0, ReasonPart::IbanKnown);
                }
            }
            (Some(known), _) => {
                adjustments.push(Adjustment::IbanDisagrees);
                reasons.push(ReasonPart::IbanOtherCustomer(self.customer_code(known)));
            }
            (None, _) => {}
        }
        if let (Some((named, _)), Some(customer)) = (signals.name_customer, customer) {
            let name_based = evidence == Evidence::NameUniqueAmount;
            if named == customer && !name_based && signals.iban_customer.is_none() {
                adjustments.push(Adjustment::NameAgrees);
                reasons.push(ReasonPart::NameAlike);
            }
        }
        if customers.len() > 1 {
            adjustments.push(Adjustment::SeveralCustomers);
            reasons.push(ReasonPart::SeveralCustomers);
        }
        if items
            .iter()
            .any(|item| item.invoice_date > payment.booking_date)
        {
            adjustments.push(Adjustment::BeforeInvoiceDate);
            reasons.push(ReasonPart::BeforeInvoiceDate);
        }
        if items.iter().any(|item| item.disputed) {
            holds.push(Hold::Disputed);
            reasons.push(ReasonPart::Disputed);
        }
        if items
            .iter()
            .any(|item| !item.currency.eq_ignore_ascii_case(&payment.currency))
        {
            holds.push(Hold::ForeignCurrency);
            reasons.push(ReasonPart::Currency(payment.currency.clone()));
        }
        if payment.person_decided {
            holds.push(Hold::PersonDecided);
        }
        let (confidence, auto) =
            score::score(evidence, &adjustments, &holds, self.settings.auto_threshold);
        reasons.extend(notes);
        Proposal {
            transaction_id: payment.transaction_id,
            customer_id: customer,
            allocations,
            confidence,
            auto,
            reasons,
            evidence,
            unapplied,
        }
    }

    /// A debit: a return of an earlier payment, or a refund against a credit note.
    fn place_debit(&mut self, payment: &Payment) -> Option<Proposal> {
        let returned = -payment.amount;
        let reversal = payment
            .reversal
            .clone()
            .or_else(|| payment.remittance.as_deref().and_then(detect_reversal));
        if let Some(reversal) = reversal {
            let iban = payment.counterparty_iban.as_deref().map(normalise_iban);
            let original = self
                .earlier
                .iter()
                .filter(|earlier| {
                    earlier.amount == returned && earlier.booking_date <= payment.booking_date
                })
                .filter(|earlier| {
                    let same_end_to_end = earlier.end_to_end_id.is_some()
                        && earlier.end_to_end_id == payment.end_to_end_id;
                    let same_iban = iban.is_some()
                        && earlier.counterparty_iban.as_deref().map(normalise_iban) == iban;
                    same_end_to_end || same_iban
                })
                .max_by_key(|earlier| (earlier.booking_date, earlier.transaction_id))?;
            let allocations: Vec<Allocation> = original
                .allocations
                .iter()
                .map(|allocation| Allocation {
                    invoice_id: allocation.invoice_id,
                    amount: -allocation.amount,
                })
                .collect();
            let numbers: Vec<String> = allocations
                .iter()
                .filter_map(|allocation| self.item_by_invoice(allocation.invoice_id))
                .map(|item| item.number.clone())
                .collect();
            let customer = allocations.first().and_then(|allocation| {
                self.item_by_invoice(allocation.invoice_id)
                    .map(|item| item.customer_id)
            });
            let (confidence, auto) =
                score::score(Evidence::Reversal, &[], &[], self.settings.auto_threshold);
            return Some(Proposal {
                transaction_id: payment.transaction_id,
                customer_id: customer,
                allocations,
                confidence,
                auto,
                reasons: vec![
                    ReasonPart::Return(original.booking_date, reversal.reason.clone()),
                    ReasonPart::Reopens(numbers),
                ],
                evidence: Evidence::Reversal,
                unapplied: Money::ZERO,
            });
        }
        // A refund: money back to a customer, equal to an open credit note.
        let signals = self.signals(payment);
        let customer = signals
            .iban_customer
            .or(signals.name_customer.map(|(customer, _)| customer))?;
        let credit_notes: Vec<u32> = self
            .customer_items(customer, payment)
            .into_iter()
            .filter(|position| self.open(*position) == payment.amount)
            .collect();
        let [only] = credit_notes.as_slice() else {
            return None;
        };
        let item = self.item(*only)?;
        let allocations = vec![Allocation {
            invoice_id: item.invoice_id,
            amount: payment.amount,
        }];
        let notes = vec![ReasonPart::Refund(item.number.clone())];
        Some(self.finish(
            payment,
            &signals,
            Evidence::Refund,
            allocations,
            Money::ZERO,
            Vec::new(),
            notes,
            Vec::new(),
        ))
    }
}

/// Finds valid references written in a text (a 16-digit kenmerk, possibly in
/// groups of four; an RF reference; an OGM) and returns them with the text
/// in which they are blanked out, so that their digits are not read as
/// invoice numbers.
fn scan_references(text: &str) -> (Vec<(Kind, String)>, String) {
    let characters: Vec<char> = text.chars().collect();
    let mut blanked = characters.clone();
    let mut found = Vec::new();
    let mut start = 0;
    while start < characters.len() {
        let at_word_start = start == 0
            || characters
                .get(start - 1)
                .is_some_and(|c| !c.is_ascii_alphanumeric());
        // References start with a digit, `RF`, `+++` or `***`.
        let may_start = characters
            .get(start)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, 'r' | 'R' | '+' | '*'));
        if !at_word_start || !may_start {
            start += 1;
            continue;
        }
        // The longest run of letters, digits, single spaces and OGM marks.
        let mut end = start;
        let mut compact = String::new();
        let mut best: Option<(usize, Kind, String)> = None;
        while let Some(c) = characters.get(end) {
            let keep = c.is_ascii_alphanumeric() || matches!(c, '+' | '*' | '/');
            let space = *c == ' '
                && characters
                    .get(end + 1)
                    .is_some_and(|next| next.is_ascii_alphanumeric());
            if !keep && !space {
                break;
            }
            if keep {
                compact.push(*c);
            }
            end += 1;
            if compact.len() > 40 {
                break;
            }
            let boundary = characters
                .get(end)
                .is_none_or(|next| !next.is_ascii_alphanumeric());
            if boundary && compact.len() >= 12 {
                let (kind, valid) = reference::classify(&compact);
                let wanted = matches!(kind, Kind::Betalingskenmerk | Kind::Rf | Kind::Ogm);
                let long_enough = match kind {
                    Kind::Betalingskenmerk => compact.len() == 16,
                    Kind::Ogm => compact.contains(['/', '+', '*']),
                    _ => true,
                };
                if valid && wanted && long_enough {
                    best = Some((
                        end,
                        kind,
                        characters
                            .get(start..end)
                            .map_or_else(String::new, |slice| slice.iter().collect()),
                    ));
                }
            }
        }
        match best {
            Some((end, kind, written)) => {
                for slot in blanked.iter_mut().take(end).skip(start) {
                    *slot = ' ';
                }
                found.push((kind, written.trim().to_owned()));
                start = end;
            }
            None => start += 1,
        }
    }
    (found, blanked.into_iter().collect())
}

#[cfg(test)]
pub(super) fn scan_references_for_tests(text: &str) -> (Vec<(Kind, String)>, String) {
    scan_references(text)
}
