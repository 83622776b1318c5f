//! Synthetic corpora for benchmarks and load tests: N report files built
//! from the paragraphs of real reports, each with its own place (from the
//! divisions table), year, title and delivery line, and varied numbers.
//! Deterministic for a seed.
//!
//! A generated report follows one real report (its outline and length) and
//! swaps a share of its paragraphs for paragraphs at the same relative place
//! in other reports, so texts differ but read like reports. Some files are
//! written in GB18030 with CRLF line ends, as real collections are.

use crate::report::Report;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A place from the divisions table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    /// `province`, `city` or `county`.
    pub level: String,
    pub province: String,
    /// The city of a county (empty for direct-administered ones).
    pub city: String,
}

/// Read `assets/places/divisions.tsv` (adcode, name, level, parent,
/// province, city, …). Rows that name no real place (`市辖区`) are skipped.
pub fn read_places(tsv: &str) -> Vec<Place> {
    tsv.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let (name, level, province, city) =
                (*cols.get(1)?, *cols.get(2)?, *cols.get(4)?, *cols.get(5)?);
            if name.is_empty() || name.contains("辖") || province.is_empty() {
                return None;
            }
            let city = if city.contains("辖") || city == province {
                ""
            } else {
                city
            };
            Some(Place {
                name: name.to_string(),
                level: level.to_string(),
                province: province.to_string(),
                city: city.to_string(),
            })
        })
        .collect()
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    pub reports: usize,
    pub seed: u64,
    /// Files per sub-folder.
    pub per_folder: usize,
    /// One file in this many is GB18030 with CRLF (0: none).
    pub gb18030_every: usize,
    /// Share of paragraphs taken from other reports, in percent.
    pub mix_percent: u64,
}

impl Config {
    pub fn new(reports: usize, seed: u64) -> Config {
        Config {
            reports,
            seed,
            per_folder: 1000,
            gb18030_every: 50,
            mix_percent: 30,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// SplitMix64: small, fast and good enough to vary texts; the same seed
/// always gives the same corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
}

/// The path of generated report `i` under `out`.
pub fn file_path(out: &Path, config: &Config, i: usize) -> PathBuf {
    out.join(format!("{:03}", i / config.per_folder.max(1)))
        .join(format!("{i:06}.txt"))
}

/// Write the corpus under `out` (created if needed).
pub fn generate(
    config: &Config,
    sources: &[Report],
    places: &[Place],
    out: &Path,
) -> std::io::Result<Written> {
    let sources: Vec<&Report> = sources.iter().filter(|r| r.paragraphs.len() >= 5).collect();
    if sources.is_empty() || places.is_empty() {
        return Err(std::io::Error::other(
            "a synthetic corpus needs source reports and places",
        ));
    }
    let written: std::io::Result<Vec<u64>> = (0..config.reports)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng::new(config.seed ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
            let text = report_text(&mut rng, config, &sources, places);
            let path = file_path(out, config, i);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let bytes = if config.gb18030_every > 0 && i % config.gb18030_every == 1 {
                let crlf = text.replace('\n', "\r\n");
                let (encoded, _, _) = encoding_rs::GB18030.encode(&crlf);
                encoded.into_owned()
            } else {
                text.into_bytes()
            };
            let mut f = std::fs::File::create(&path)?;
            f.write_all(&bytes)?;
            Ok(bytes.len() as u64)
        })
        .collect();
    let sizes = written?;
    Ok(Written {
        files: sizes.len(),
        bytes: sizes.iter().sum(),
    })
}

/// The text of one generated report.
pub fn report_text(
    rng: &mut Rng,
    config: &Config,
    sources: &[&Report],
    places: &[Place],
) -> String {
    let year = 2000 + rng.below(26) as u16;
    let place = rng.pick(places).cloned().unwrap_or_else(|| Place {
        name: "某县".into(),
        level: "county".into(),
        province: String::new(),
        city: String::new(),
    });
    let full_name = match place.level.as_str() {
        "province" => place.name.clone(),
        "city" => format!("{}{}", place.province, place.name),
        _ => format!("{}{}{}", place.province, place.city, place.name),
    };
    let (speaker, congress) = match place.level.as_str() {
        "province" => ("省人民政府省长", "人民代表大会"),
        "city" => ("市人民政府市长", "人民代表大会"),
        _ if place.name.ends_with('区') => ("区人民政府区长", "人民代表大会"),
        _ => ("县人民政府县长", "人民代表大会"),
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(&format!("{year}年{full_name}政府工作报告\n"));
    out.push_str(&format!(
        "——{year}年{}月{}日在{}第{}届{congress}第{}次会议上\n",
        1 + rng.below(3),
        1 + rng.below(28),
        place.name,
        ["十二", "十三", "十四", "十五", "十六", "十七", "十八"][rng.below(7) as usize],
        ["一", "二", "三", "四", "五"][rng.below(5) as usize],
    ));
    out.push_str(&format!("{speaker} {}\n各位代表：\n", person_name(rng)));
    let template = sources[rng.below(sources.len() as u64) as usize];
    let year_shift = year as i32 - latest_year(template).unwrap_or(year as i32 - 1) - 1;
    let n = template.paragraphs.len();
    for (k, para) in template.paragraphs.iter().enumerate() {
        let text = if rng.below(100) < config.mix_percent {
            let other = sources[rng.below(sources.len() as u64) as usize];
            let m = other.paragraphs.len();
            let j = (k * m / n.max(1)).min(m.saturating_sub(1));
            other
                .paragraphs
                .get(j)
                .map(|p| p.text.as_str())
                .unwrap_or(&para.text)
        } else {
            &para.text
        };
        out.push_str(&vary_numbers(rng, text, year_shift));
        out.push('\n');
    }
    out
}

fn person_name(rng: &mut Rng) -> String {
    const FAMILY: &[char] = &['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
    const GIVEN: &[char] = &[
        '伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '杰', '涛',
    ];
    let mut s = String::new();
    s.extend(rng.pick(FAMILY));
    for _ in 0..1 + rng.below(2) {
        s.extend(rng.pick(GIVEN));
    }
    s
}

/// The latest plausible year (`20xx年`, `19xx年`) a report mentions.
fn latest_year(report: &Report) -> Option<i32> {
    let mut best = None;
    for p in report.paragraphs.iter().take(40) {
        let chars: Vec<char> = p.text.chars().collect();
        for w in chars.windows(5) {
            if w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()) {
                let y: String = w[..4].iter().collect();
                if let Ok(y) = y.parse::<i32>() {
                    if (1950..=2030).contains(&y) && best.is_none_or(|b| y > b) {
                        best = Some(y);
                    }
                }
            }
        }
    }
    best
}

/// Shift years (`2023年`) by `year_shift` and replace other ASCII numbers
/// with random ones of the same number of digits.
fn vary_numbers(rng: &mut Rng, text: &str, year_shift: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            digits.push(c);
            if chars.peek().is_some_and(|n| n.is_ascii_digit()) {
                continue;
            }
            let is_year = digits.len() == 4 && chars.peek() == Some(&'年');
            match digits.parse::<i64>() {
                Ok(y) if is_year && (1950..=2030).contains(&y) => {
                    out.push_str(&(y + year_shift as i64).to_string())
                }
                _ if is_year => out.push_str(&digits),
                _ => {
                    for (k, _) in digits.chars().enumerate() {
                        let d = if k == 0 && digits.len() > 1 {
                            1 + rng.below(9)
                        } else {
                            rng.below(10)
                        };
                        out.push(char::from(b'0' + d as u8));
                    }
                }
            }
            digits.clear();
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_vary_but_keep_their_shape() {
        let mut rng = Rng::new(7);
        let s = vary_numbers(&mut rng, "2023年增长5.2%，投资1234亿元", 2);
        assert!(s.starts_with("2025年增长"), "{s}");
        assert_eq!(
            s.chars().count(),
            "2023年增长5.2%，投资1234亿元".chars().count()
        );
        assert!(s.ends_with("亿元"));
    }

    #[test]
    fn places_skip_placeholders() {
        let tsv = "adcode\tname\tlevel\tparent\tprovince\tcity\n\
                   110000\t北京市\tprovince\t\t北京市\t\t1\t2\n\
                   110100\t市辖区\tcity\t110000\t北京市\t市辖区\t1\t2\n\
                   110101\t东城区\tcounty\t110100\t北京市\t市辖区\t1\t2\n\
                   340100\t合肥市\tcity\t340000\t安徽省\t合肥市\t1\t2\n\
                   340102\t瑶海区\tcounty\t340100\t安徽省\t合肥市\t1\t2\n";
        let places = read_places(tsv);
        assert_eq!(places.len(), 4);
        assert_eq!(places[1].city, "");
        assert_eq!(places[3].city, "合肥市");
    }

    #[test]
    fn same_seed_same_text() {
        let corpus = crate::corpus::load_builtin();
        let sources: Vec<&Report> = corpus.reports.iter().collect();
        let places = vec![Place {
            name: "瑶海区".into(),
            level: "county".into(),
            province: "安徽省".into(),
            city: "合肥市".into(),
        }];
        let config = Config::new(1, 1);
        let a = report_text(&mut Rng::new(5), &config, &sources, &places);
        let b = report_text(&mut Rng::new(5), &config, &sources, &places);
        let c = report_text(&mut Rng::new(6), &config, &sources, &places);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.contains("安徽省合肥市瑶海区政府工作报告"));
    }
}
