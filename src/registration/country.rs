//! ISO 3166-1 alpha-2 country/region codes (international site `domain_area`).

use super::issue::{Issues, Problem};

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, in order. Reserved, withdrawn and
/// user-assigned codes (`UK`, `EU`, `XK`, …) are not country codes and are refused.
const ASSIGNED: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET \
FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT \
JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ \
OM \
PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
QA \
RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ \
VA VC VE VG VI VN VU \
WF WS \
YE YT \
ZA ZM ZW";

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_country_code(code: &str) -> bool {
    // Entries are 3 bytes apart ("AD AE …") and sorted: binary search by index.
    let table = ASSIGNED.as_bytes();
    let entry = |i: usize| table.get(i * 3..i * 3 + 2);
    let (mut lo, mut hi) = (0, table.len().div_ceil(3));
    while lo < hi {
        let mid = (lo + hi) / 2;
        match entry(mid).map(|e| e.cmp(code.as_bytes())) {
            Some(std::cmp::Ordering::Less) => lo = mid + 1,
            Some(std::cmp::Ordering::Greater) => hi = mid,
            Some(std::cmp::Ordering::Equal) => return true,
            None => return false,
        }
    }
    false
}

/// Checks a non-empty `domain_area`; a valid code in the wrong case gets a suggestion.
pub(crate) fn check_country_code(issues: &mut Issues, field: &'static str, code: &str) {
    if is_country_code(code) {
        return;
    }
    let suggestion = (code.len() == 2)
        .then(|| code.to_ascii_uppercase())
        .filter(|upper| is_country_code(upper));
    issues.add(field, Problem::InvalidCountryCode { suggestion });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_assigned_set() {
        let codes: Vec<&str> = ASSIGNED.split(' ').collect();
        assert_eq!(codes.len(), 249);
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for c in &codes {
            assert!(is_country_code(c), "{c}");
        }
        for c in ["CN", "MX", "HK", "TW", "GB", "SS", "BQ"] {
            assert!(is_country_code(c), "{c}");
        }
        for c in [
            "UK", "EU", "XK", "ZZ", "AA", "cn", "Cn", "CHN", "", "C", "A", "ZX", "AD ",
        ] {
            assert!(!is_country_code(c), "{c}");
        }
    }
}
