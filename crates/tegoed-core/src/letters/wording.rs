//! From a [`Letter`] to its words: the placeholder values, the template of
//! its kind and language, and the filled subject, body, closing and mail body.
//!
//! The legal choices of what a letter may say are made here, by which
//! values are given at all; the sentences themselves are in `templates/`.
//! - No costs or interest in L1–L4 except the plan's acknowledged amounts
//!   (letters.md "Never": costs in a first reminder).
//! - A consumer demand gets no `{deadline}`: the term is relative (art. 6:96
//!   lid 6 BW, domain.md §2.3), so no computed date can be printed.
//! - `{default_date}` (the ingebrekestelling) only in L2 to a consumer
//!   without an agreed fatal term (domain.md §2.1).
//! - A consumer's hand-over notice gets no costs (letters.md L6).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::format;
use super::template::{Filled, Template, Values, parse_labels};
use super::{Language, Letter, LetterError, LetterKind};
use crate::money::Money;

/// The fixed texts of one language (`labels.txt`).
pub(crate) struct Labels {
    name: &'static str,
    map: HashMap<String, String>,
}

impl Labels {
    /// The label `key`.
    ///
    /// # Errors
    /// [`LetterError::Template`] when the labels file lacks it.
    pub(crate) fn get(&self, key: &str) -> Result<&str, LetterError> {
        self.map
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| LetterError::Template(format!("{}: no label `{key}`", self.name)))
    }

    /// The label `key` with its placeholders filled from `values`.
    pub(crate) fn fill(
        &self,
        key: &str,
        values: &[(&'static str, String)],
    ) -> Result<String, LetterError> {
        let values: Values = values.iter().cloned().collect();
        super::template::substitute(self.name, self.get(key)?, &values)
    }

    #[cfg(test)]
    pub(crate) fn keys(&self) -> std::collections::BTreeSet<&str> {
        self.map.keys().map(String::as_str).collect()
    }
}

/// Every template, parsed once.
pub(crate) struct Templates {
    letters: HashMap<(Language, LetterKind), Template>,
    labels: HashMap<Language, Labels>,
}

/// The template files: (language, kind, name, text).
pub(crate) fn sources() -> [(Language, LetterKind, &'static str, &'static str); 12] {
    [
        (
            Language::Nl,
            LetterKind::Reminder1,
            "nl/reminder_1.txt",
            include_str!("templates/nl/reminder_1.txt"),
        ),
        (
            Language::Nl,
            LetterKind::Reminder2,
            "nl/reminder_2.txt",
            include_str!("templates/nl/reminder_2.txt"),
        ),
        (
            Language::Nl,
            LetterKind::Confirmation,
            "nl/confirmation.txt",
            include_str!("templates/nl/confirmation.txt"),
        ),
        (
            Language::Nl,
            LetterKind::PlanConfirmation,
            "nl/plan_confirmation.txt",
            include_str!("templates/nl/plan_confirmation.txt"),
        ),
        (
            Language::Nl,
            LetterKind::Demand,
            "nl/demand.txt",
            include_str!("templates/nl/demand.txt"),
        ),
        (
            Language::Nl,
            LetterKind::AgencyNotice,
            "nl/agency.txt",
            include_str!("templates/nl/agency.txt"),
        ),
        (
            Language::En,
            LetterKind::Reminder1,
            "en/reminder_1.txt",
            include_str!("templates/en/reminder_1.txt"),
        ),
        (
            Language::En,
            LetterKind::Reminder2,
            "en/reminder_2.txt",
            include_str!("templates/en/reminder_2.txt"),
        ),
        (
            Language::En,
            LetterKind::Confirmation,
            "en/confirmation.txt",
            include_str!("templates/en/confirmation.txt"),
        ),
        (
            Language::En,
            LetterKind::PlanConfirmation,
            "en/plan_confirmation.txt",
            include_str!("templates/en/plan_confirmation.txt"),
        ),
        (
            Language::En,
            LetterKind::Demand,
            "en/demand.txt",
            include_str!("templates/en/demand.txt"),
        ),
        (
            Language::En,
            LetterKind::AgencyNotice,
            "en/agency.txt",
            include_str!("templates/en/agency.txt"),
        ),
    ]
}

const LABELS: [(Language, &str, &str); 2] = [
    (
        Language::Nl,
        "nl/labels.txt",
        include_str!("templates/nl/labels.txt"),
    ),
    (
        Language::En,
        "en/labels.txt",
        include_str!("templates/en/labels.txt"),
    ),
];

static TEMPLATES: LazyLock<Result<Templates, LetterError>> = LazyLock::new(|| {
    let mut letters = HashMap::new();
    for (language, kind, name, source) in sources() {
        letters.insert((language, kind), Template::parse(name, source)?);
    }
    let mut labels = HashMap::new();
    for (language, name, source) in LABELS {
        labels.insert(
            language,
            Labels {
                name,
                map: parse_labels(name, source)?,
            },
        );
    }
    Ok(Templates { letters, labels })
});

/// The parsed templates.
pub(crate) fn templates() -> Result<&'static Templates, LetterError> {
    TEMPLATES.as_ref().map_err(Clone::clone)
}

impl Templates {
    /// The template of one letter.
    pub(crate) fn letter(
        &self,
        language: Language,
        kind: LetterKind,
    ) -> Result<&Template, LetterError> {
        self.letters.get(&(language, kind)).ok_or_else(|| {
            LetterError::Template(format!(
                "{}/{}.txt is missing",
                language.code(),
                kind.code()
            ))
        })
    }

    /// The labels of one language.
    pub(crate) fn labels(&self, language: Language) -> Result<&Labels, LetterError> {
        self.labels.get(&language).ok_or_else(|| {
            LetterError::Template(format!("{}/labels.txt is missing", language.code()))
        })
    }
}

/// A letter's words, ready for the layout.
pub(crate) struct Content {
    pub(crate) subject: String,
    pub(crate) body: Vec<Filled>,
    pub(crate) closing: Vec<Filled>,
    pub(crate) labels: &'static Labels,
    /// The placeholder values, for the blocks the layout draws (with
    /// `payable`: the open total, or for a business demand the total claimed).
    pub(crate) values: Values,
}

/// Fills the letter's template.
pub(crate) fn compose(letter: &Letter) -> Result<Content, LetterError> {
    let templates = templates()?;
    let template = templates.letter(letter.language, letter.kind)?;
    let labels = templates.labels(letter.language)?;
    let mut values = values(letter, labels)?;
    let claim = &letter.claim;
    let payable = if letter.kind == LetterKind::Demand && !letter.consumer {
        [claim.costs, claim.vat_on_costs, claim.interest]
            .into_iter()
            .flatten()
            .fold(letter.total_open, |total, amount| total + amount)
    } else {
        letter.total_open
    };
    values.insert("payable", format::money(payable, letter.language));
    Ok(Content {
        subject: first_line(template, "subject", &values)?,
        body: template.fill("body", &values)?,
        closing: template.fill("closing", &values)?,
        labels,
        values,
    })
}

/// The filled subject line.
pub(crate) fn subject(letter: &Letter) -> Result<String, LetterError> {
    let templates = templates()?;
    let template = templates.letter(letter.language, letter.kind)?;
    let values = values(letter, templates.labels(letter.language)?)?;
    first_line(template, "subject", &values)
}

/// The filled mail body.
pub(crate) fn mail_body(letter: &Letter) -> Result<String, LetterError> {
    let templates = templates()?;
    let template = templates.letter(letter.language, letter.kind)?;
    let values = values(letter, templates.labels(letter.language)?)?;
    template.fill_text("mail_body", &values)
}

fn first_line(template: &Template, section: &str, values: &Values) -> Result<String, LetterError> {
    template
        .fill(section, values)?
        .into_iter()
        .find_map(|paragraph| match paragraph {
            Filled::Text(lines) => lines.into_iter().next(),
            Filled::Block(_) => None,
        })
        .ok_or_else(|| {
            LetterError::Template(format!("{}: the [{section}] is empty", template.name))
        })
}

/// The invoice numbers joined in words: `A`, `A en B`, `A, B en C`.
pub(crate) fn numbers(letter: &Letter) -> String {
    let and = templates()
        .and_then(|templates| templates.labels(letter.language))
        .and_then(|labels| labels.get("and").map(str::to_string))
        .unwrap_or_else(|_| "&".to_string());
    let numbers: Vec<&str> = letter
        .invoices
        .iter()
        .map(|invoice| invoice.number.as_str())
        .collect();
    join_words(&numbers, &and)
}

fn join_words<S: AsRef<str>>(items: &[S], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {and} {}", head.join(", "), last.as_ref())
        }
    }
}

/// The placeholder values of a letter.
pub(crate) fn values(letter: &Letter, labels: &Labels) -> Result<Values, LetterError> {
    let language = letter.language;
    let money = |amount: Money| format::money(amount, language);
    let date = |day: chrono::NaiveDate| format::date(day, language);
    let mut values = Values::new();
    let mut set = |key: &'static str, value: String| {
        values.insert(key, value);
    };

    let and = labels.get("and")?;
    let sender = &letter.sender;
    set("sender_name", sender.name.clone());
    set("recipient_name", letter.recipient.name.clone());
    set("customer_code", letter.recipient.customer_code.clone());
    set("our_reference", letter.our_reference.clone());
    set("letter_date", date(letter.date));
    set("account_holder", sender.name.clone());
    set(
        "signature",
        match &sender.contact_person {
            Some(person) => format!("{person}\n{}", sender.name),
            None => sender.name.clone(),
        },
    );
    if let Some(person) = &sender.contact_person {
        set("contact_person", person.clone());
    }
    if let Some(attention) = &letter.recipient.attention {
        set("attention", attention.clone());
    }
    if let Some(iban) = &sender.iban {
        set("iban", format::iban(iban));
    }
    if let Some(bic) = &sender.bic {
        set("bic", bic.clone());
    }
    if let Some(phone) = &sender.phone {
        set("phone", phone.clone());
    }
    if let Some(email) = &sender.email {
        set("email", email.clone());
    }

    let numbers: Vec<&str> = letter
        .invoices
        .iter()
        .map(|invoice| invoice.number.as_str())
        .collect();
    set("invoice_numbers", join_words(&numbers, and));
    set(
        "invoice_word",
        labels
            .get(if letter.invoices.len() == 1 {
                "invoice_singular"
            } else {
                "invoice_plural"
            })?
            .to_string(),
    );
    set("total_open", money(letter.total_open));
    set("principal", money(letter.total_open));
    set(
        "reference",
        match &letter.payment_reference {
            Some(reference) => format::reference(reference),
            None => join_words(&numbers, and),
        },
    );
    if let [invoice] = letter.invoices.as_slice() {
        set("single", String::new());
        set("invoice_number", invoice.number.clone());
        set("invoice_date", date(invoice.invoice_date));
        set("due_date", date(invoice.due_date));
        set("invoice_amount", money(invoice.open));
    } else {
        set("several", String::new());
    }
    set(
        if letter.consumer {
            "consumer"
        } else {
            "business"
        },
        String::new(),
    );

    // LEGAL: a consumer demand's term is relative; no computed date is printed.
    let consumer_demand = letter.consumer && letter.kind == LetterKind::Demand;
    if let Some(deadline) = letter.deadline
        && !consumer_demand
    {
        set("deadline", date(deadline));
    }
    // LEGAL: L2 is the ingebrekestelling only for a consumer without a fatal term.
    if let Some(default_date) = letter.default_date
        && letter.kind == LetterKind::Reminder2
        && letter.consumer
        && !letter.fatal_term_agreed
    {
        set("default_date", date(default_date));
    }

    let history = &letter.history;
    if let Some(day) = history.first_reminder {
        set("first_reminder_date", date(day));
    }
    if let Some(day) = history.second_reminder {
        set("second_reminder_date", date(day));
    }
    if let Some(day) = history.demand {
        set("demand_date", date(day));
    }
    if !history.calls.is_empty() {
        let calls: Vec<String> = history
            .calls
            .iter()
            .map(|(day, outcome)| format!("{} ({})", date(*day), outcome.trim()))
            .collect();
        set("calls_summary", calls.join("; "));
    }

    // LEGAL: costs and interest only where the letter may claim them.
    let claim_allowed = match letter.kind {
        LetterKind::Demand => true,
        LetterKind::AgencyNotice => !letter.consumer,
        _ => false,
    };
    if claim_allowed {
        let claim = &letter.claim;
        let mut total = letter.total_open;
        if let Some(costs) = claim.costs {
            set("costs", money(costs));
            total += costs;
            if let Some(vat) = claim.vat_on_costs {
                set("vat_on_costs", money(vat));
                set("costs_with_vat", money(costs + vat));
                total += vat;
            }
        }
        if let Some(interest) = claim.interest {
            set("interest", money(interest));
            total += interest;
        }
        if let Some(rate) = claim.interest_rate {
            set("interest_rate", format::percent(rate, language));
        }
        if let Some(day) = claim.interest_from {
            set("interest_from", date(day));
        }
        if let Some(day) = claim.interest_to {
            set("interest_to", date(day));
        }
        set("claim_total", money(total));
    }

    if let Some(agreement) = &letter.agreement {
        set("call_date", date(agreement.call_date));
        if let Some(contact) = &agreement.contact {
            set("spoken_with", contact.clone());
        }
        if let Some(day) = agreement.promise_date {
            set("promise_date", date(day));
        }
        set(
            "promise_amount",
            money(agreement.amount.unwrap_or(letter.total_open)),
        );
        if agreement.invoices_resent {
            set("invoices_resent", String::new());
        }
        if let Some(note) = &agreement.note {
            set("agreement_note", note.clone());
        }
    }

    if let Some(plan) = &letter.plan {
        set("plan_principal", money(plan.principal));
        set("plan_interest", money(plan.interest));
        set("plan_costs", money(plan.costs));
        set("plan_total", money(plan.total));
        set(
            "instalment_count",
            format::count(plan.instalments.len() as i64, language),
        );
        if let (Some(first), Some(last)) = (plan.instalments.first(), plan.instalments.last()) {
            set("first_instalment_date", date(first.0));
            set("last_instalment_date", date(last.0));
            if plan
                .instalments
                .iter()
                .all(|(_, amount)| *amount == first.1)
            {
                set("equal_instalments", String::new());
                set("instalment_amount", money(first.1));
            }
        }
        let dates: Vec<String> = plan.instalments.iter().map(|(day, _)| date(*day)).collect();
        set("instalment_dates", join_words(&dates, and));
        if plan.interest_keeps_running {
            set("interest_keeps_running", String::new());
        }
    }

    if let Some(handover) = &letter.handover {
        set("agency_name", handover.agency_name.clone());
        if !handover.agency_contact.is_empty() {
            set("agency_contact", handover.agency_contact.join("\n"));
        }
        set("handed_over_on", date(handover.handed_over_on));
        set(
            if handover.pay_to_agency {
                "pay_to_agency"
            } else {
                "pay_to_us"
            },
            String::new(),
        );
    }
    Ok(values)
}
