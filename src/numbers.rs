//! The one number parser of gwr: Arabic digits (half- and full-width, with
//! decimals and thousands separators), Chinese numerals (`二十三`, `一千二百`,
//! `两`, `〇`, `三点五`), and mixed forms with magnitudes (`1.2万`, `3千`,
//! `1.39万亿`). Metadata (`第十四届`, `二〇二三年`), figures and the CLI all
//! use it.
//!
//! Values are kept as a decimal mantissa and a power of ten until the end,
//! so `2.45亿` is exactly 245000000 and not 245000000.00000003.
//!
//! The magnitude characters (`万`, `亿`, and `千`/`百` after Arabic digits)
//! come from the `[magnitudes]` table of `assets/figures.toml`.

use std::sync::OnceLock;

/// More digits than this is a code or an identifier, never a quantity.
const MAX_DIGITS: usize = 18;

/// Longest run of numeral characters worth parsing; longer runs are codes
/// or noise and are skipped whole.
pub const MAX_RUN_BYTES: usize = 48;

/// A number as `mantissa × 10^exp`: exact for everything a report writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: u64,
    pub exp: i32,
}

impl Decimal {
    pub const fn integer(v: u64) -> Self {
        Decimal {
            mantissa: v,
            exp: 0,
        }
    }

    /// The value as a float; exact whenever mantissa and power are.
    pub fn to_f64(self) -> f64 {
        let m = self.mantissa as f64;
        // Keep the power within f64's exact powers of ten where possible;
        // the clamp only bites on absurd inputs and keeps the result finite.
        let exp = self.exp.clamp(-300, 300);
        if exp >= 0 {
            let v = m * 10f64.powi(exp);
            if v.is_finite() {
                v
            } else {
                f64::MAX
            }
        } else {
            m / 10f64.powi(-exp)
        }
    }

    /// Multiply by `10^power`.
    pub fn shift(self, power: i32) -> Self {
        Decimal {
            mantissa: self.mantissa,
            exp: self.exp.saturating_add(power),
        }
    }

    /// The value when it is a whole number that fits `u64`.
    pub fn to_integer(self) -> Option<u64> {
        if self.exp >= 0 {
            let scale = 10u64.checked_pow(self.exp as u32)?;
            self.mantissa.checked_mul(scale)
        } else {
            let scale = 10u64.checked_pow(self.exp.unsigned_abs())?;
            self.mantissa
                .is_multiple_of(scale)
                .then_some(self.mantissa / scale)
        }
    }
}

/// How a numeral is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// `2407.6`, `１２３`, `1,234`.
    Arabic,
    /// Positional Chinese numerals and single digits: `二十三`, `两`, `八十九点四`.
    Chinese,
    /// Chinese digits read one by one, as in years and codes: `二〇二三`.
    ChineseDigits,
}

/// A numeral found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numeral {
    pub value: Decimal,
    /// Byte offset just past the numeral.
    pub end: usize,
    pub script: Script,
}

/// Value of one Chinese digit character.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '兩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Multiplier of a small Chinese unit (`十`, `百`, `千`).
pub fn chinese_small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Power of ten of a magnitude character (`万` = 4, `亿` = 8, `千` = 3,
/// `百` = 2), from `assets/figures.toml`.
pub fn magnitude_power(c: char) -> Option<i32> {
    magnitudes().iter().find(|(m, _)| *m == c).map(|&(_, p)| p)
}

/// Multiplier of a magnitude character (`万`, `亿`, and `千`/`百` after digits).
pub fn magnitude(c: char) -> Option<f64> {
    magnitude_power(c).map(|p| 10f64.powi(p))
}

/// A magnitude that groups Chinese numerals (`万`, `亿`): at least 10⁴.
fn big_magnitude_power(c: char) -> Option<i32> {
    magnitude_power(c).filter(|&p| p >= 4)
}

/// A handful of entries: a slice scan beats hashing on this hot path.
fn magnitudes() -> &'static [(char, i32)] {
    static TABLE: OnceLock<Vec<(char, i32)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct File {
            magnitudes: std::collections::BTreeMap<String, i32>,
        }
        // The table is compiled in and checked by the tests, so a broken
        // file is a build defect, not an input error.
        let file: File = toml::from_str(include_str!("../assets/figures.toml"))
            .expect("assets/figures.toml: invalid [magnitudes] table");
        file.magnitudes
            .into_iter()
            .filter_map(|(k, v)| {
                let mut chars = k.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, v)),
                    _ => None,
                }
            })
            .collect()
    })
}

/// Half-width value of an ASCII or full-width digit.
pub fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '．'
}

/// Thousands separators; the full-width one appears in older texts
/// (`２７，２０３，３１９，０００元`). Only groups of three make it one.
fn is_separator(c: char) -> bool {
    c == ',' || c == '，'
}

/// `点` and its traditional form `點`.
fn is_chinese_point(c: char) -> bool {
    c == '点' || c == '點'
}

/// Does a numeral start at byte `i` of `text`? Like [`starts_numeral`],
/// and also a zero before a point (`零点八`).
pub fn numeral_starts_at(text: &str, i: usize) -> bool {
    let mut chars = text.get(i..).unwrap_or("").chars();
    match chars.next() {
        Some(c) if starts_numeral(c) => true,
        Some(c) if chinese_digit(c) == Some(0) => chars.next().is_some_and(is_chinese_point),
        _ => false,
    }
}

/// Can a numeral start with this character? (Zeros never start one.)
pub fn starts_numeral(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    // Every character of running text goes through here: a bit per
    // character of the Basic Multilingual Plane answers at once.
    let code = c as u32;
    code < 0x1_0000 && numeral_start_bits()[(code >> 6) as usize] & (1 << (code & 63)) != 0
}

fn starts_numeral_slow(c: char) -> bool {
    ascii_digit(c).is_some()
        || chinese_digit(c).is_some_and(|d| d != 0)
        || chinese_small_unit(c).is_some()
        || big_magnitude_power(c).is_some()
}

fn numeral_start_bits() -> &'static [u64; 1024] {
    static BITS: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for code in 0x80u32..0x1_0000 {
            if char::from_u32(code).is_some_and(starts_numeral_slow) {
                bits[(code >> 6) as usize] |= 1 << (code & 63);
            }
        }
        bits
    })
}

fn is_chinese_numeral_char(c: char) -> bool {
    chinese_digit(c).is_some()
        || chinese_small_unit(c).is_some()
        || big_magnitude_power(c).is_some()
}

/// End of the run of numeral characters starting at `start`: Arabic digits
/// with their points and separators, or Chinese numeral characters with
/// `点`. Returns `start` when none starts there.
pub fn numeral_run_end(text: &str, start: usize) -> usize {
    let Some(rest) = text.get(start..) else {
        return start;
    };
    let mut chars = rest.char_indices().peekable();
    let Some(&(_, first)) = chars.peek() else {
        return start;
    };
    let arabic = ascii_digit(first).is_some();
    let mut end = 0;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ok = if arabic {
            ascii_digit(c).is_some()
                || ((is_decimal_point(c) || is_separator(c))
                    && next.and_then(ascii_digit).is_some())
        } else {
            is_chinese_numeral_char(c)
                || (is_chinese_point(c) && next.and_then(chinese_digit).is_some())
        };
        if !ok {
            break;
        }
        end = i + c.len_utf8();
    }
    start + end
}

/// The longest numeral starting at byte `start` of `text`.
pub fn numeral_at(text: &str, start: usize) -> Option<Numeral> {
    let run_end = numeral_run_end(text, start);
    if run_end == start || run_end - start > MAX_RUN_BYTES {
        return None;
    }
    longest_numeral(text, start, run_end)
}

/// The longest numeral in `text[start..end]` that starts at `start`, trying
/// shorter prefixes when the whole does not parse (`十四五` → `十四`).
pub fn longest_numeral(text: &str, start: usize, end: usize) -> Option<Numeral> {
    let run = text.get(start..end)?;
    let mut cut = run.len();
    while cut > 0 {
        if let Some((value, script)) = parse_numeral(&run[..cut]) {
            return Some(Numeral {
                value,
                end: start + cut,
                script,
            });
        }
        cut = run[..cut]
            .char_indices()
            .last()
            .map(|(i, _)| i)
            .unwrap_or(0);
    }
    None
}

/// Parse a whole string as one bare numeral (no magnitudes after Arabic
/// digits): `2407.6`, `1,234`, `二十三`, `两万三千`, `八十九点四`, `二〇二三`.
pub fn parse_numeral(s: &str) -> Option<(Decimal, Script)> {
    let first = s.chars().next()?;
    if ascii_digit(first).is_some() {
        parse_arabic(s).map(|d| (d, Script::Arabic))
    } else {
        parse_chinese(s)
    }
}

/// Arabic digits with an optional fraction; `,` only as a thousands
/// separator (groups of exactly three digits after the first).
fn parse_arabic(s: &str) -> Option<Decimal> {
    let (int, frac) = match s.find(['.', '．']) {
        Some(i) => {
            let point = s[i..].chars().next()?.len_utf8();
            (&s[..i], Some(&s[i + point..]))
        }
        None => (s, None),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut push = |c: char| -> Option<()> {
        let d = ascii_digit(c)?;
        digits += 1;
        if digits > MAX_DIGITS {
            return None;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(d as u64)?;
        Some(())
    };
    if int.is_empty() {
        return None;
    }
    if int.contains(is_separator) {
        let mut groups = int.split(is_separator);
        let head = groups.next()?;
        if head.is_empty() || head.chars().count() > 3 {
            return None;
        }
        for c in head.chars() {
            push(c)?;
        }
        for group in groups {
            if group.chars().count() != 3 {
                return None;
            }
            for c in group.chars() {
                push(c)?;
            }
        }
    } else {
        for c in int.chars() {
            push(c)?;
        }
    }
    let mut exp = 0i32;
    if let Some(frac) = frac {
        if frac.is_empty() {
            return None;
        }
        for c in frac.chars() {
            push(c)?;
            exp -= 1;
        }
    }
    Some(Decimal { mantissa, exp })
}

/// Chinese numerals, strictly: positional (`二十三`, `一千零五`, `两万三千`,
/// `三亿五千万`, `一万亿`), a digit string (`二〇二三`), or either with a
/// `点` fraction (`八十九点四`). Two digits in a row outside a digit string
/// (`十四五`) or units out of order (`十百`) are not a numeral.
fn parse_chinese(s: &str) -> Option<(Decimal, Script)> {
    let (int, frac) = match s.split_once(is_chinese_point) {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() {
        return None;
    }
    let has_unit = int
        .chars()
        .any(|c| chinese_small_unit(c).is_some() || big_magnitude_power(c).is_some());
    let (whole, script) = if has_unit {
        (parse_chinese_positional(int)?, Script::Chinese)
    } else {
        let mut v: u64 = 0;
        let mut n = 0;
        for c in int.chars() {
            n += 1;
            if n > MAX_DIGITS {
                return None;
            }
            v = v * 10 + chinese_digit(c)? as u64;
        }
        let script = if n == 1 {
            Script::Chinese
        } else {
            Script::ChineseDigits
        };
        (v, script)
    };
    let Some(frac) = frac else {
        return Some((Decimal::integer(whole), script));
    };
    if frac.is_empty() || script == Script::ChineseDigits {
        return None;
    }
    let mut mantissa = whole;
    let mut exp = 0i32;
    for c in frac.chars() {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(chinese_digit(c)? as u64)?;
        exp -= 1;
        if -exp as usize > MAX_DIGITS {
            return None;
        }
    }
    Some((Decimal { mantissa, exp }, script))
}

fn parse_chinese_positional(s: &str) -> Option<u64> {
    let mut total: u64 = 0; // completed 万/亿 groups
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    let mut last_small: u64 = 10_000; // small units must decrease
    let mut last_big: Option<i32> = None; // big magnitudes must decrease
    let mut prev_was_big = false;
    let mut after_zero = false;
    let mut any = false;
    // Place value of the last unit seen, for shorthand like 一千二.
    let mut last_place: u64 = 10;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                if pending.is_some() {
                    return None;
                }
                after_zero = true;
            } else {
                if pending.is_some() {
                    return None;
                }
                pending = Some(d as u64);
            }
            prev_was_big = false;
            any = true;
        } else if let Some(u) = chinese_small_unit(c) {
            let u = u as u64;
            if u >= last_small {
                return None;
            }
            let digit = match pending {
                Some(d) => d,
                // A bare 十 opens a number (十四); 百 and 千 need a digit.
                None if u == 10 && section == 0 && !after_zero => 1,
                None => return None,
            };
            section += digit * u;
            last_small = u;
            last_place = u;
            pending = None;
            after_zero = false;
            prev_was_big = false;
            any = true;
        } else if let Some(p) = big_magnitude_power(c) {
            let group = section + pending.unwrap_or(0);
            let scale = 10u64.checked_pow(p as u32)?;
            if group == 0 {
                // 万亿: a magnitude right after another multiplies it.
                if !prev_was_big {
                    return None;
                }
                total = total.checked_mul(scale)?;
                last_big = last_big.map(|b| b + p);
            } else {
                if last_big.is_some_and(|b| p >= b) {
                    return None;
                }
                total = total.checked_add(group.checked_mul(scale)?)?;
                last_big = Some(p);
            }
            last_place = scale;
            section = 0;
            pending = None;
            last_small = 10_000;
            after_zero = false;
            prev_was_big = true;
            any = true;
        } else {
            return None;
        }
    }
    if !any {
        return None;
    }
    if let Some(d) = pending {
        // A digit after a unit without 零 is shorthand for the next place
        // down: 一千二 = 1200, 三万五 = 35000, 十四 = 14.
        let place = if after_zero { 1 } else { last_place / 10 };
        section = section.checked_add(d.checked_mul(place)?)?;
    }
    total.checked_add(section)
}

/// Parse a whole string as a number; `None` unless every character is part
/// of it. Examples: `2407.6`, `1,234`, `１２３`, `1.2万`, `二十三`, `一千二百`,
/// `二〇二三` (digit by digit), `三点五`, `3千`, `1.39万亿`, `1万2千`.
pub fn parse_number(s: &str) -> Option<f64> {
    parse_decimal(s).map(Decimal::to_f64)
}

/// [`parse_number`], keeping the exact decimal.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let first = s.chars().next()?;
    if ascii_digit(first).is_none() {
        // Chinese numerals carry their own magnitudes (万, 亿).
        let (value, _) = parse_chinese(s)?;
        return Some(value);
    }
    // Arabic: groups of `digits magnitudes*`, summed (1万2千 = 12000).
    let mut total: Option<Decimal> = None;
    let mut pos = 0;
    while pos < s.len() {
        let run_end = numeral_run_end(s, pos);
        if run_end == pos {
            return None;
        }
        let (mut value, _) = parse_numeral(&s[pos..run_end])?;
        pos = run_end;
        while let Some(c) = s[pos..].chars().next() {
            match magnitude_power(c) {
                Some(p) => {
                    value = value.shift(p);
                    pos += c.len_utf8();
                }
                None => break,
            }
        }
        total = Some(match total {
            None => value,
            Some(t) => add(t, value)?,
        });
    }
    total
}

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let exp = a.exp.min(b.exp);
    let scale = |d: Decimal| -> Option<u64> {
        d.mantissa
            .checked_mul(10u64.checked_pow((d.exp - exp) as u32)?)
    };
    Some(Decimal {
        mantissa: scale(a)?.checked_add(scale(b)?)?,
        exp,
    })
}

/// Parse a small whole number such as the `十四` in `第十四届` or the `12`
/// in `12月`.
pub fn parse_integer(s: &str) -> Option<u64> {
    let v = parse_decimal(s)?;
    v.to_integer().filter(|&v| v < 1_000_000_000_000_000)
}

/// How an enclosed-number character encloses its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enclosure {
    /// `①`, `㉑`, `㊱`.
    Circle,
    /// `⑴` (Arabic) and `㈠` (Chinese).
    Paren,
    /// `⒈`: a number with a full stop.
    FullStop,
}

/// Value of a single enclosed-number character (`①` = 1, `⑴` = 1,
/// `⒛` = 20, `㈩` = 10), as list labels use them.
pub fn enclosed_number(c: char) -> Option<(u32, Enclosure)> {
    let code = c as u32;
    let (first, enclosure) = match code {
        0x2460..=0x2473 => (0x2460, Enclosure::Circle),
        0x3251..=0x325F => (0x3251 - 20, Enclosure::Circle),
        0x32B1..=0x32BF => (0x32B1 - 35, Enclosure::Circle),
        0x2474..=0x2487 => (0x2474, Enclosure::Paren),
        0x3220..=0x3229 => (0x3220, Enclosure::Paren),
        0x2488..=0x249B => (0x2488, Enclosure::FullStop),
        _ => return None,
    };
    Some((code - first + 1, enclosure))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        let cases: &[(&str, f64)] = &[
            ("2407.6", 2407.6),
            ("1,234", 1234.0),
            ("1,234,567.5", 1234567.5),
            ("１２３", 123.0),
            ("１２．５", 12.5),
            ("1.2万", 12000.0),
            ("2.45亿", 245000000.0),
            ("1.39万亿", 1.39e12),
            ("二十三", 23.0),
            ("一千二百", 1200.0),
            ("一千零五", 1005.0),
            ("一千二", 1200.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十四", 14.0),
            ("二〇二三", 2023.0),
            ("一九五七", 1957.0),
            ("八十九点四", 89.4),
            ("三点五", 3.5),
            ("零点八", 0.8),
            ("二點六", 2.6),
            ("２７，２０３，３１９，０００", 27203319000.0),
            ("3千", 3000.0),
            ("两万三千", 23000.0),
            ("三亿五千万", 350000000.0),
            ("一万亿", 1e12),
            ("十万", 100000.0),
            ("1万2千", 12000.0),
        ];
        for (s, v) in cases {
            let got = parse_number(s).unwrap_or_else(|| panic!("{s} not parsed"));
            assert_eq!(got, *v, "{s}");
        }
    }

    #[test]
    fn exact_decimals() {
        assert_eq!(parse_number("2.45亿"), Some(245000000.0));
        assert_eq!(parse_number("5725.5万"), Some(57255000.0));
        assert_eq!(parse_number("0.3"), Some(0.3));
    }

    #[test]
    fn rejects_non_numbers() {
        for s in [
            "",
            "万",
            "abc",
            "1.2.3",
            "十a",
            ".5",
            "十四五",
            "十百",
            "百",
            "千万",
            "1,23",
            "1,2345",
            "1.",
        ] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    #[test]
    fn enclosed_numbers() {
        assert_eq!(enclosed_number('①'), Some((1, Enclosure::Circle)));
        assert_eq!(enclosed_number('⑳'), Some((20, Enclosure::Circle)));
        assert_eq!(enclosed_number('㉑'), Some((21, Enclosure::Circle)));
        assert_eq!(enclosed_number('㊿'), Some((50, Enclosure::Circle)));
        assert_eq!(enclosed_number('⑴'), Some((1, Enclosure::Paren)));
        assert_eq!(enclosed_number('㈩'), Some((10, Enclosure::Paren)));
        assert_eq!(enclosed_number('⒛'), Some((20, Enclosure::FullStop)));
        assert_eq!(enclosed_number('1'), None);
    }

    #[test]
    fn integers() {
        assert_eq!(parse_integer("十四"), Some(14));
        assert_eq!(parse_integer("12"), Some(12));
        assert_eq!(parse_integer("二〇二三"), Some(2023));
        assert_eq!(parse_integer("1.5"), None);
        assert_eq!(parse_integer("1.2万"), Some(12000));
    }

    #[test]
    fn numerals_in_text() {
        let t = "新增城镇就业1.2万人、十四五规划";
        let start = t.find('1').unwrap();
        let n = numeral_at(t, start).unwrap();
        assert_eq!(&t[start..n.end], "1.2");
        let s = t.find('十').unwrap();
        let n = numeral_at(t, s).unwrap();
        assert_eq!(&t[s..n.end], "十四");
        assert_eq!(numeral_run_end(t, s), s + "十四五".len());
    }

    #[test]
    fn numeral_starts() {
        for c in ['1', '１', '一', '两', '十', '百', '千', '万', '亿'] {
            assert!(starts_numeral(c), "{c}");
        }
        for c in ['零', '〇', 'a', '年', '人', '.', '𠀀'] {
            assert!(!starts_numeral(c), "{c}");
        }
        assert!(numeral_starts_at("零点八", 0));
        assert!(!numeral_starts_at("零售", 0));
    }

    #[test]
    fn huge_inputs_stay_finite() {
        let long = "9".repeat(400);
        assert_eq!(parse_number(&long), None);
        let d = Decimal {
            mantissa: u64::MAX,
            exp: i32::MAX,
        };
        assert!(d.to_f64().is_finite());
    }
}
