//! Hand-built reports and helpers shared by the TUI tests.
#![allow(dead_code)]

use gwr::corpus::Corpus;
use gwr::report::{Encoding, Level, Marker, Metadata, Paragraph, Report, Section, SectionKind};
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::memory::{MemoryStore, StateStore};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A section heading at the start of paragraph `paragraph`.
pub struct Head {
    pub paragraph: usize,
    pub label: &'static str,
    pub title: &'static str,
    pub depth: u8,
    pub kind: SectionKind,
}

pub fn head(paragraph: usize, label: &'static str, title: &'static str, depth: u8) -> Head {
    Head {
        paragraph,
        label,
        title,
        depth,
        kind: if label.is_empty() {
            SectionKind::Lead
        } else {
            SectionKind::Heading
        },
    }
}

/// Build a report the way the outline would: parents from depths, ranges
/// up to the next section of the same or a higher level.
pub fn build(file: &str, meta: Metadata, paragraphs: &[&str], heads: &[Head]) -> Report {
    let paragraphs: Vec<Paragraph> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph::single(i as u32 * 2 + 1, *t))
        .collect();
    let n = paragraphs.len();
    let mut sections: Vec<Section> = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let parent = sections
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| s.depth < h.depth)
            .map(|(j, _)| j);
        let end = heads[i + 1..]
            .iter()
            .find(|o| o.depth <= h.depth)
            .map(|o| o.paragraph)
            .unwrap_or(n);
        let text = &paragraphs[h.paragraph].text;
        let heading_len = h.label.len() + h.title.len();
        assert!(
            text.starts_with(&format!("{}{}", h.label, h.title)),
            "{}",
            text
        );
        sections.push(Section {
            label: h.label.to_string(),
            title: h.title.to_string(),
            depth: h.depth,
            kind: h.kind,
            parent,
            paragraph: h.paragraph,
            heading: 0..heading_len,
            paragraphs: h.paragraph..end,
            first_line: paragraphs[h.paragraph].line(),
            last_line: paragraphs[end - 1].last_line(),
        });
    }
    // Markers: every `[x]` in the text; a paragraph starting with `[x]` is
    // its note.
    let mut markers = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let mut from = 0;
        while let Some(open) = p.text[from..].find('[') {
            let start = from + open;
            let Some(close) = p.text[start..].find(']') else {
                break;
            };
            let end = start + close + 1;
            let label = p.text[start + 1..end - 1].to_string();
            if start > 0 {
                let target = paragraphs
                    .iter()
                    .position(|q| q.text.starts_with(&format!("[{label}]")));
                markers.push(Marker {
                    paragraph: pi,
                    range: start..end,
                    label,
                    target,
                });
            }
            from = end;
        }
    }
    Report {
        file: file.to_string(),
        path: None,
        encoding: Encoding::Utf8,
        meta,
        line_count: n as u32 * 2,
        paragraphs,
        sections,
        markers,
    }
}

pub fn meta(title: &str, province: &str, city: Option<&str>, year: u16, level: Level) -> Metadata {
    Metadata {
        title: Some(title.to_string()),
        level: Some(level),
        province: Some(province.to_string()),
        city: city.map(str::to_string),
        year: Some(year),
        ..Metadata::default()
    }
}

/// A city report with two top-level parts, sub-sections, a lead sentence,
/// a footnote, a wide table row and Latin/digit runs.
pub fn city_report() -> Report {
    let paragraphs = [
        "2024年江城市政府工作报告",
        "——2024年1月20日在江城市第十七届人民代表大会第三次会议上",
        "各位代表：",
        "现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。",
        "一、2023年工作回顾",
        "过去一年，我们坚持稳中求进工作总基调，全市经济持续恢复、总体回升向好。PM2.5平均浓度下降到28微克/立方米[1]，空气优良天数303天，较上年增加17天。",
        "（一）经济运行稳中向好。全年地区生产总值增长5.2%，达到2.45万亿元；一般公共预算收入增长6.1%。规模以上工业增加值增长7.3%，固定资产投资增长4.8%。",
        "生态环境更加优美。严格落实“五控”“六全”措施，坚持开展秋冬季大气污染综合治理攻坚，新建市政污水管网15公里，完成8条农村黑臭水体治理任务。",
        "乡村振兴扎实推进。投入财政衔接资金2.45亿元，实施产业发展项目24个、基础设施等项目69个。",
        "（二）改革开放持续深化。营商环境评价位居全省前列，新增经营主体12.3万户，进出口总额增长9.6%。",
        "二、2024年工作安排",
        "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业15万人以上。",
        "（一）着力扩大有效需求。实施重大项目300个以上，年度投资1200亿元。",
        "指标名称        2022年        2023年        增长率(%)        备注ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJ",
        "（二）着力建设现代化产业体系。培育先进制造业集群，数字经济核心产业增加值增长10%。",
        "注释",
        "[1]PM2.5：指环境空气中空气动力学当量直径小于等于2.5微米的颗粒物。",
    ];
    let heads = [
        head(4, "一、", "2023年工作回顾", 1),
        head(6, "（一）", "经济运行稳中向好", 2),
        head(7, "", "生态环境更加优美", 3),
        head(8, "", "乡村振兴扎实推进", 3),
        head(9, "（二）", "改革开放持续深化", 2),
        head(10, "二、", "2024年工作安排", 1),
        head(12, "（一）", "着力扩大有效需求", 2),
        head(14, "（二）", "着力建设现代化产业体系", 2),
        Head {
            paragraph: 15,
            label: "",
            title: "注释",
            depth: 1,
            kind: SectionKind::Appendix,
        },
    ];
    build(
        "2024_江城市.txt",
        meta(
            "2024年江城市政府工作报告",
            "江苏省",
            Some("江城市"),
            2024,
            Level::City,
        ),
        &paragraphs,
        &heads,
    )
}

/// A short provincial report, to have more than one report in the list.
pub fn province_report(year: u16, province: &'static str) -> Report {
    let title = format!("{year}年{province}政府工作报告");
    let p0: &'static str = Box::leak(title.clone().into_boxed_str());
    build(
        &format!("{year}_{province}.txt"),
        meta(&title, province, None, year, Level::Provincial),
        &[
            p0,
            "一、过去一年的工作",
            "全省经济运行总体平稳，发展质量稳步提升。",
            "二、今年的主要任务",
            "坚持稳中求进，推动高质量发展。",
        ],
        &[
            head(1, "一、", "过去一年的工作", 1),
            head(3, "二、", "今年的主要任务", 1),
        ],
    )
}

pub fn corpus() -> Corpus {
    Corpus {
        reports: vec![
            province_report(2023, "浙江省"),
            city_report(),
            province_report(2024, "浙江省"),
            province_report(2024, "北京市"),
        ],
        problems: Vec::new(),
    }
}

/// An app with the test corpus loaded, at `w`×`h`.
pub fn app_with(corpus: Corpus, settings: Settings, store: MemoryStore, w: u16, h: u16) -> App {
    app_with_store(corpus, settings, Box::new(store), w, h)
}

pub fn app_with_store(
    corpus: Corpus,
    settings: Settings,
    store: Box<dyn StateStore>,
    w: u16,
    h: u16,
) -> App {
    let mut app = App::new(settings, store);
    app.update(Msg::Resize(w, h));
    app.update(Msg::Loaded(Box::new(corpus.into())));
    app
}

pub fn app(w: u16, h: u16) -> App {
    app_with(corpus(), Settings::default(), MemoryStore::default(), w, h)
}

/// Open the city report (it is the second in the corpus).
pub fn open_city(app: &mut App) {
    app.open_report(1);
}

/// Draw the app into a test terminal and return the screen as text.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| gwr::tui::ui::draw(f, app)).expect("draw");
    if w == 0 || h == 0 {
        // TestBackend cannot print an empty screen.
        return String::new();
    }
    terminal.backend().to_string()
}

/// The screen at `w`×`h` (the app resized to it) as text, one row per
/// line, `|` marking the right edge.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.update(Msg::Resize(w, h));
    screen_rows(app, w, h)
        .into_iter()
        .map(|r| format!("{r}|\n"))
        .collect()
}

/// The screen as plain rows (wide characters once, no quoting).
pub fn screen_rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| gwr::tui::ui::draw(f, app)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    rows_of(&buf, ratatui::layout::Rect::new(0, 0, w, h))
}

/// The rows of `area` of a drawn buffer, wide characters once.
pub fn rows_of(buf: &ratatui::buffer::Buffer, area: ratatui::layout::Rect) -> Vec<String> {
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                let sym = buf[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                row.push_str(sym);
                skip = gwr::text::width::display_width(sym).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// What a user sees on a `w`×`h` screen: the rows (as `screen_rows`) and
/// the terminal cursor, checked to be on the screen.
pub struct Seen {
    pub rows: Vec<String>,
    /// The status line, where the layout has one.
    pub status: Option<String>,
}

impl Seen {
    /// Some row holds `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.rows.iter().any(|r| r.contains(text))
    }
}

pub fn seen(app: &App, w: u16, h: u16) -> Seen {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| gwr::tui::ui::draw(f, app)).expect("draw");
    let cursor = terminal.get_cursor_position().expect("cursor");
    assert!(
        cursor.x < w && cursor.y < h,
        "the cursor {cursor:?} is off the {w}x{h} screen"
    );
    let rows = screen_rows(app, w, h);
    let status = gwr::tui::ui::areas(ratatui::layout::Rect::new(0, 0, w, h), app)
        .status
        .map(|r| rows[r.y as usize].clone());
    Seen { rows, status }
}

/// The city report of an earlier year: a second value of the same
/// indicators, so the chart has something to compare.
pub fn earlier_city() -> Report {
    build(
        "2023_江城市.txt",
        meta(
            "2023年江城市政府工作报告",
            "江苏省",
            Some("江城市"),
            2023,
            Level::City,
        ),
        &[
            "2023年江城市政府工作报告",
            "一、2022年工作回顾",
            "全年地区生产总值增长4.8%，达到2.31万亿元。城镇新增就业13.2万人。",
            "二、2023年工作安排",
            "地区生产总值增长5%左右，城镇新增就业12万人以上。",
        ],
        &[
            head(1, "一、", "2022年工作回顾", 1),
            head(3, "二、", "2023年工作安排", 1),
        ],
    )
}
