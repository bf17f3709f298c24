//! Counterparty names against customer names (`domain.md` §5.1 item 4).
//!
//! Names are normalised to a set of tokens: lower case, diacritics folded,
//! punctuation gone, legal forms (B.V., V.O.F., Eenmanszaak …), titles,
//! initials, `en/of`, `h.o.d.n.` and tussenvoegsels dropped. Two names are
//! compared token by token with Jaro-Winkler (`strsim`), each token taking
//! its best partner in the other name, weighted by length, both ways: so a
//! typo or a truncated name still scores high, while two businesses that
//! share only a trade word (`Bakkerij Jansen`, `Bakkerij Pietersen`) do not.
//! A name match alone is only ever a suggestion; the engine decides that.

use std::collections::HashMap;

/// Words that carry no identity: legal forms, titles, fillers and
/// tussenvoegsels.
const NOISE: [&str; 52] = [
    "bv",
    "nv",
    "vof",
    "cv",
    "eenmanszaak",
    "holding",
    "ltd",
    "gmbh",
    "sa",
    "sprl",
    "bvba",
    "srl",
    "inc",
    "llc",
    "bvio",
    "dhr",
    "mevr",
    "mw",
    "hr",
    "mr",
    "dr",
    "drs",
    "ing",
    "ir",
    "prof",
    "fam",
    "familie",
    "heer",
    "mevrouw",
    "en",
    "of",
    "eo",
    "hodn",
    "handelend",
    "onder",
    "naam",
    "van",
    "de",
    "der",
    "den",
    "het",
    "ter",
    "ten",
    "te",
    "in",
    "op",
    "vd",
    "s",
    "t",
    "and",
    "the",
    "co",
];

/// Folds the accented letters Dutch, Belgian and German names use.
fn fold(character: char) -> &'static str {
    match character {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ĳ' => "ij",
        _ => "",
    }
}

/// The identifying tokens of a name, sorted and unique.
pub fn tokens(name: &str) -> Vec<String> {
    let mut folded = String::with_capacity(name.len());
    for character in name.chars().flat_map(char::to_lowercase) {
        match fold(character) {
            "" if character.is_alphanumeric() => folded.push(character),
            "" => folded.push(' '),
            replacement => folded.push_str(replacement),
        }
    }
    // `h.o.d.n.` and `B.V.` fall apart into single letters: join runs of
    // single letters first so that legal forms are recognised, then drop them.
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    for word in folded.split_whitespace() {
        if word.chars().count() == 1 {
            letters.push_str(word);
        } else {
            if !letters.is_empty() {
                words.push(std::mem::take(&mut letters));
            }
            words.push(word.to_owned());
        }
    }
    if !letters.is_empty() {
        words.push(letters);
    }
    let mut kept: Vec<String> = words
        .into_iter()
        .filter(|word| !NOISE.contains(&word.as_str()))
        // What is left of initials (`j`, `jp`) says little.
        .filter(|word| word.chars().count() > 2 || word.chars().all(|c| c.is_ascii_digit()))
        .collect();
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// How alike two token sets are, 0.0 (nothing alike) to 1.0 (same tokens).
pub fn similarity(left: &[String], right: &[String]) -> f64 {
    if left.is_empty() || right.is_empty() {
        return 0.0;
    }
    let half = |from: &[String], to: &[String]| -> (f64, f64) {
        from.iter().fold((0.0, 0.0), |(score, weight), token| {
            let best = to
                .iter()
                .map(|other| strsim::jaro_winkler(token, other))
                .fold(0.0, f64::max);
            let length = token.chars().count() as f64;
            (score + best * length, weight + length)
        })
    };
    let (left_score, left_weight) = half(left, right);
    let (right_score, right_weight) = half(right, left);
    (left_score + right_score) / (left_weight + right_weight)
}

/// Postings longer than this are too common to narrow the search.
const COMMON: usize = 200;

/// Customers by pairs of their name tokens, to compare a counterparty name
/// only with customers that share two tokens with it (by their first three
/// letters, so that a typo or a cut-off name still finds them). Names of one
/// token are found by that token. The work per name is so bounded by how
/// many customers share two tokens, not by how many customers there are.
#[derive(Debug, Default, Clone)]
pub struct NameIndex {
    customers: Vec<(i64, Vec<String>)>,
    by_pair: HashMap<(String, String), Vec<u32>>,
    by_single: HashMap<String, Vec<u32>>,
}

fn prefix(token: &str) -> String {
    token.chars().take(3).collect()
}

/// Every pair of distinct prefixes of the tokens, each pair sorted.
fn pairs(tokens: &[String]) -> Vec<(String, String)> {
    let mut prefixes: Vec<String> = tokens.iter().map(|token| prefix(token)).collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    let mut pairs = Vec::new();
    for (index, first) in prefixes.iter().enumerate() {
        for second in prefixes.iter().skip(index + 1) {
            pairs.push((first.clone(), second.clone()));
        }
    }
    pairs
}

impl NameIndex {
    /// Adds a customer's name.
    pub fn insert(&mut self, customer_id: i64, name: &str) {
        let Ok(position) = u32::try_from(self.customers.len()) else {
            return;
        };
        let tokens = tokens(name);
        let pairs = pairs(&tokens);
        if pairs.is_empty() {
            for token in &tokens {
                self.by_single
                    .entry(prefix(token))
                    .or_default()
                    .push(position);
            }
        }
        for pair in pairs {
            self.by_pair.entry(pair).or_default().push(position);
        }
        self.customers.push((customer_id, tokens));
    }

    /// The customers whose name scores at least `threshold` against `name`,
    /// best first.
    pub fn matches(&self, name: &str, threshold: f64) -> Vec<(i64, f64)> {
        let query = tokens(name);
        // Count the pairs each candidate shares: only those sharing the most
        // can score high, so only they are compared letter by letter.
        let mut hits: HashMap<u32, u16> = HashMap::new();
        let singles = query
            .iter()
            .filter_map(|token| self.by_single.get(&prefix(token)));
        let paired = pairs(&query)
            .into_iter()
            .filter_map(|pair| self.by_pair.get(&pair));
        for postings in singles.chain(paired) {
            if postings.len() <= COMMON {
                for position in postings {
                    *hits.entry(*position).or_default() += 1;
                }
            }
        }
        let most = hits.values().copied().max().unwrap_or(0);
        let mut found: Vec<(i64, f64)> = hits
            .into_iter()
            .filter(|(_, count)| *count == most)
            .filter_map(|(position, _)| self.customers.get(position as usize))
            .map(|(customer_id, tokens)| (*customer_id, similarity(&query, tokens)))
            .filter(|(_, score)| *score >= threshold)
            .collect();
        found.sort_by(|left, right| right.1.total_cmp(&left.1).then(left.0.cmp(&right.0)));
        found
    }
}

#[cfg(test)]
mod tests;
