//! The matching copy of a line: what the metadata rules read. Reports are
//! shown as written; this copy only irons out the variation the rules
//! should not have to spell out.

use std::borrow::Cow;
use std::sync::LazyLock;

const TRADITIONAL_TSV: &str = include_str!("../../../assets/metadata/traditional.tsv");

/// Traditional → simplified for the characters of the key words, sorted
/// by the traditional character for binary search.
static TRADITIONAL: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut pairs: Vec<(char, char)> = TRADITIONAL_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let from = single_char(cols.next()?)?;
            let to = single_char(cols.next()?)?;
            Some((from, to))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    pairs
});

/// Which characters of the Basic Multilingual Plane have an entry in
/// `TRADITIONAL`, one bit each: most characters have none, and the bit
/// spares them the binary search.
static TRADITIONAL_BMP: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for &(from, _) in TRADITIONAL.iter() {
        let cp = from as usize;
        if let Some(word) = bits.get_mut(cp / 64) {
            *word |= 1 << (cp % 64);
        }
    }
    bits
});

/// The simplified form of `c` if `TRADITIONAL` has one, else `c`.
fn simplified(c: char, traditional: &[(char, char)], bmp: &[u64]) -> char {
    let cp = c as usize;
    if let Some(word) = bmp.get(cp / 64) {
        if word & (1 << (cp % 64)) == 0 {
            return c;
        }
    }
    traditional
        .binary_search_by_key(&c, |p| p.0)
        .ok()
        .and_then(|i| traditional.get(i))
        .map_or(c, |p| p.1)
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// The matching copy of `text`:
/// - all whitespace (letter-spaced titles `政 府 工 作 报 告`, `1 9 9 3 年`,
///   ideographic spaces), invisible and control characters removed;
/// - full-width digits and brackets made ASCII (`１９５５` → `1955`,
///   `（` → `(`), `：` → `:`;
/// - the traditional characters of the key words made simplified
///   (`全國人民代表大會` → `全国人民代表大会`).
///
/// Borrowed when nothing changes (most lines of most reports).
pub(crate) fn normalize(text: &str) -> Cow<'_, str> {
    let traditional = TRADITIONAL.as_slice();
    let bmp = TRADITIONAL_BMP.as_slice();
    let mut out = String::new();
    // Most characters stay as they are: copy them in runs.
    let mut run_start = 0;
    for (i, c) in text.char_indices() {
        let matching = matching_char(c, traditional, bmp);
        if matching == Some(c) {
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(text.get(run_start..i).unwrap_or_default());
        run_start = i + c.len_utf8();
        if let Some(m) = matching {
            out.push(m);
        }
    }
    if run_start == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(text.get(run_start..).unwrap_or_default());
    Cow::Owned(out)
}

/// What `c` becomes in the matching copy; `None` when it is dropped.
fn matching_char(c: char, traditional: &[(char, char)], bmp: &[u64]) -> Option<char> {
    // CJK ideographs, most of any report, are never space, control,
    // invisible, digit or bracket.
    if ('\u{3400}'..='\u{9FFF}').contains(&c) {
        return Some(simplified(c, traditional, bmp));
    }
    if c.is_ascii() {
        return c.is_ascii_graphic().then_some(c);
    }
    if c.is_whitespace() || c.is_control() || crate::text::chars::is_invisible(c) {
        return None;
    }
    Some(match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '（' => '(',
        '）' => ')',
        '：' => ':',
        _ => simplified(c, traditional, bmp),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irons_out_spacing_width_and_script() {
        assert_eq!(normalize("政 府 工 作 报 告"), "政府工作报告");
        assert_eq!(normalize("1 9 9 3 年3 月"), "1993年3月");
        assert_eq!(normalize("１９５５年（摘要）："), "1955年(摘要):");
        assert_eq!(
            normalize("第一届全國人民代表大會第一次會議"),
            "第一届全国人民代表大会第一次会议"
        );
        assert_eq!(
            normalize("\u{200B}海拉尔区人民政府区长　　张天喜\r"),
            "海拉尔区人民政府区长张天喜"
        );
        assert!(TRADITIONAL.len() > 50);
    }
}
