//! The one number parser of gwr: Arabic digits (half- and full-width, with
//! decimals and thousands separators), Chinese numerals (`二十三`, `一千二百`,
//! `两`, `〇`, `三点五`), and mixed forms with magnitudes (`1.2万`, `3千`,
//! `1.39万亿`). Metadata (`第十四届`, `二〇二三年`), figures and the CLI all
//! use it.

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

/// Multiplier of a magnitude character (`万`, `亿`, and `千`/`百` after digits).
pub fn magnitude(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
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

/// Parse a whole string as a number; `None` unless every character is part
/// of it. Examples: `2407.6`, `1,234`, `１２３`, `1.2万`, `二十三`, `一千二百`,
/// `二〇二三` (digit by digit), `三点五`, `3千`, `1.39万亿`.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // Split off trailing magnitudes (万, 亿, 万亿) which multiply the rest.
    let mut mult = 1.0;
    let mut body = s;
    while let Some(c) = body.chars().last() {
        if let Some(m) = magnitude(c) {
            mult *= m;
            body = &body[..body.len() - c.len_utf8()];
        } else {
            break;
        }
    }
    if body.is_empty() {
        return None;
    }
    if body.chars().any(|c| ascii_digit(c).is_some()) {
        parse_arabic_mixed(body).map(|v| v * mult)
    } else {
        parse_chinese(body).map(|v| v * mult)
    }
}

/// Arabic digits, possibly followed by `千`/`百`/`十` (`3千`) or with
/// Chinese magnitudes inside (`1万2千`).
fn parse_arabic_mixed(s: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut current = String::new();
    let mut section = 0.0;
    let mut saw_any = false;
    for c in s.chars() {
        if let Some(d) = ascii_digit(c) {
            current.push(char::from_digit(d, 10)?);
        } else if c == '.' || c == '．' {
            current.push('.');
        } else if c == ',' || c == '，' {
            // Thousands separator: only between digits in groups of three,
            // checked loosely: a separator must follow a digit.
            if current.is_empty() {
                return None;
            }
        } else if let Some(u) = chinese_small_unit(c) {
            let v: f64 = if current.is_empty() {
                1.0
            } else {
                current.parse().ok()?
            };
            section += v * u as f64;
            current.clear();
            saw_any = true;
        } else if let Some(m) = magnitude(c) {
            let v: f64 = if current.is_empty() {
                0.0
            } else {
                current.parse().ok()?
            };
            total += (section + v) * m;
            section = 0.0;
            current.clear();
            saw_any = true;
        } else {
            return None;
        }
    }
    if !current.is_empty() {
        if current.starts_with('.') || current.ends_with('.') || current.matches('.').count() > 1 {
            return None;
        }
        section += current.parse::<f64>().ok()?;
        saw_any = true;
    }
    if !saw_any {
        return None;
    }
    Some(total + section)
}

/// Chinese numerals: positional (`二十三`, `一千零五`, `两万三千`), digit
/// strings (`二〇二三`), decimals (`八十九点四`).
fn parse_chinese(s: &str) -> Option<f64> {
    if let Some((int, frac)) = s.split_once('点') {
        let i = if int.is_empty() {
            0.0
        } else {
            parse_chinese(int)?
        };
        let mut f = 0.0;
        let mut scale = 0.1;
        for c in frac.chars() {
            f += chinese_digit(c)? as f64 * scale;
            scale /= 10.0;
        }
        if frac.is_empty() {
            return None;
        }
        return Some(i + f);
    }
    let has_unit = s
        .chars()
        .any(|c| chinese_small_unit(c).is_some() || magnitude(c).is_some());
    if !has_unit {
        // A digit string such as 二〇二三.
        let mut v = 0.0;
        for c in s.chars() {
            v = v * 10.0 + chinese_digit(c)? as f64;
        }
        return Some(v);
    }
    let mut total = 0.0; // completed 亿/万 groups
    let mut section = 0.0; // below 万
    let mut digit: Option<f64> = None;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d as f64);
        } else if let Some(u) = chinese_small_unit(c) {
            section += digit.unwrap_or(1.0) * u as f64;
            digit = None;
        } else if let Some(m) = magnitude(c) {
            let group = section + digit.unwrap_or(0.0);
            if m >= 1e8 {
                total = (total + group) * m;
            } else {
                total += group * m;
            }
            section = 0.0;
            digit = None;
        } else {
            return None;
        }
    }
    Some(total + section + digit.unwrap_or(0.0))
}

/// Parse a small whole number such as the `十四` in `第十四届` or the `12`
/// in `12月`.
pub fn parse_integer(s: &str) -> Option<u64> {
    let v = parse_number(s)?;
    if v.fract() == 0.0 && (0.0..1e15).contains(&v) {
        Some(v as u64)
    } else {
        None
    }
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
            ("１２３", 123.0),
            ("1.2万", 12000.0),
            ("2.45亿", 245000000.0),
            ("1.39万亿", 1.39e12),
            ("二十三", 23.0),
            ("一千二百", 1200.0),
            ("一千零五", 1005.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十四", 14.0),
            ("二〇二三", 2023.0),
            ("八十九点四", 89.4),
            ("3千", 3000.0),
            ("两万三千", 23000.0),
        ];
        for (s, v) in cases {
            let got = parse_number(s).unwrap_or_else(|| panic!("{s} not parsed"));
            assert!(
                (got - v).abs() < 1e-6 * v.abs().max(1.0),
                "{s}: {got} != {v}"
            );
        }
    }

    #[test]
    fn rejects_non_numbers() {
        for s in ["", "万", "abc", "1.2.3", "十a", ".5"] {
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
}
