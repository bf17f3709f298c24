use super::*;

fn check(left: &str, right: &str, at_least: f64, below: f64) {
    let score = similarity(&tokens(left), &tokens(right));
    assert!(
        score >= at_least && score < below,
        "{left:?} ~ {right:?} = {score:.3}, expected [{at_least}, {below})"
    );
}

#[test]
fn normalises_legal_forms_titles_and_diacritics() {
    assert_eq!(
        tokens("Bouwbedrijf De Vries B.V."),
        ["bouwbedrijf", "vries"]
    );
    assert_eq!(tokens("BOUWBEDRIJF DE VRIES BV"), ["bouwbedrijf", "vries"]);
    assert_eq!(
        tokens("Fietsenmaker Bakker V.O.F."),
        ["bakker", "fietsenmaker"]
    );
    assert_eq!(tokens("Dhr. J.P. van der Berg"), ["berg"]);
    assert_eq!(tokens("Café Ömer"), ["cafe", "omer"]);
    assert_eq!(
        tokens("J. Jansen h.o.d.n. Bakkerij Jansen"),
        ["bakkerij", "jansen"]
    );
    assert_eq!(tokens("Eenmanszaak Smit"), ["smit"]);
    assert_eq!(tokens("A en/of B Pietersen"), ["pietersen"]);
}

#[test]
fn alike_names_score_high() {
    check(
        "Bouwbedrijf De Vries B.V.",
        "BOUWBEDRIJF DE VRIES BV",
        1.0,
        1.1,
    );
    check(
        "Bouwbedrijf De Vries B.V.",
        "Bouwbedrijf de Vris",
        0.93,
        1.0,
    );
    check(
        "Hoveniersbedrijf Groen & Zonen",
        "HOVENIERSBEDRIJF GROEN & Z",
        0.9,
        1.0,
    );
    check("Café Ömer", "CAFE OMER", 1.0, 1.1);
    check(
        "Fietsenmaker Bakker V.O.F.",
        "fietsenmaker bakker",
        1.0,
        1.1,
    );
}

#[test]
fn different_businesses_score_low() {
    check("Bakkerij Jansen", "Bakkerij Pietersen", 0.0, 0.9);
    check("Bakkerij Jansen", "J. Jansen", 0.0, 0.9);
    check("Bouwbedrijf De Vries B.V.", "Mollie B.V.", 0.0, 0.6);
    check("", "Mollie", 0.0, 0.01);
}

#[test]
fn the_index_finds_only_close_names() {
    let mut index = NameIndex::default();
    index.insert(1, "Bakkerij Jansen");
    index.insert(2, "Bakkerij Pietersen");
    index.insert(3, "Bouwbedrijf De Vries B.V.");
    let found = index.matches("BAKKERIJ JANSEN", 0.9);
    assert_eq!(found.first().map(|(id, _)| *id), Some(1));
    assert_eq!(found.len(), 1);
    assert_eq!(index.matches("Bouwbedrijf de Vris", 0.9).len(), 1);
    assert!(index.matches("Albert Heijn", 0.9).is_empty());
}
