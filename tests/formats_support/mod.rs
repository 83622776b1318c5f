//! Word files and portal pages made from real report texts, as users get
//! them: the report's paragraphs, headings numbered by Word's list
//! numbering, pages wrapped in a government portal's chrome.
#![allow(dead_code)] // each test binary uses its own part

use gwr::report::Report;
use std::io::Write;

/// Chinese numerals as headings write them (1–99).
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
    }
}

fn parse_chinese(s: &str) -> Option<u32> {
    (1..100).find(|&n| chinese(n) == s)
}

/// A paragraph's list level and number when it opens with `一、`, `（一）`
/// or `1.`, and its text without them.
fn numbered(text: &str) -> Option<(usize, u32, &str)> {
    if let Some((label, rest)) = text.split_once('、') {
        if let Some(n) = parse_chinese(label) {
            return Some((0, n, rest));
        }
    }
    if let Some(inner) = text.strip_prefix('（') {
        if let Some((label, rest)) = inner.split_once('）') {
            if let Some(n) = parse_chinese(label) {
                return Some((1, n, rest));
            }
        }
    }
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = text[digits.len()..].strip_prefix('.')?;
    if digits.is_empty() || digits.len() > 2 || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((2, digits.parse().ok()?, rest))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Runs of a paragraph's text, cut where Word cuts them (formatting
/// changes), some with spaces kept.
fn runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let cut = [chars.len() / 3, 2 * chars.len() / 3];
    let pieces = [&chars[..cut[0]], &chars[cut[0]..cut[1]], &chars[cut[1]..]];
    pieces
        .iter()
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| {
            let t = escape(&p.iter().collect::<String>());
            let props = if i == 1 { "<w:rPr><w:b/></w:rPr>" } else { "" };
            format!("<w:r>{props}<w:t xml:space=\"preserve\">{t}</w:t></w:r>")
        })
        .collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A Word file of the report's paragraphs. Headings `一、` are numbered by
/// a heading style, `（一）` and `1.` by direct list numbering; where the
/// text's numbers do not follow on, a new list instance restarts them, as
/// Word does.
pub fn docx(report: &Report) -> Vec<u8> {
    let mut body = String::new();
    // Instance 1 is the style's; later ones restart a level.
    let mut instances: Vec<(usize, u32)> = Vec::new();
    let mut current = 1usize;
    let mut expected = [1u32; 3];
    // A Word file opens with its title, which a page's text file may only
    // have had among the page's chrome.
    let title = report.meta.title.as_deref().unwrap_or("");
    if !title.is_empty() && !report.paragraphs[0].text.contains(title) {
        body.push_str(&format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
            runs(title)
        ));
    }
    for (i, p) in report.paragraphs.iter().enumerate() {
        let mut props = String::new();
        let text = match numbered(&p.text) {
            Some((level, n, rest)) => {
                // A restarted instance carries its override down to the
                // levels below: a higher heading after it opens a fresh one.
                let overridden = current > 1 && instances[current - 2].0 > level;
                if n != expected[level] || overridden {
                    instances.push((level, n));
                    current = instances.len() + 1;
                }
                expected[level] = n + 1;
                for deeper in &mut expected[level + 1..] {
                    *deeper = 1;
                }
                let direct = format!(
                    "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{current}\"/></w:numPr>"
                );
                props = match (level, current) {
                    (0, 1) => "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>".into(),
                    (0, _) => format!("<w:pPr><w:pStyle w:val=\"Heading1\"/>{direct}</w:pPr>"),
                    _ => format!("<w:pPr>{direct}</w:pPr>"),
                };
                rest
            }
            None => p.text.as_str(),
        };
        body.push_str(&format!("<w:p>{props}{}</w:p>", runs(text)));
        // Word users space paragraphs with empty ones; a tracked deletion
        // is not text.
        if i % 10 == 5 {
            body.push_str("<w:p/><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>");
        }
        if i % 25 == 7 {
            body.push_str(
                "<w:p><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>已删除的文字</w:delText></w:r></w:del></w:p>",
            );
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let levels = "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:pPr><w:ind w:left=\"0\"/></w:pPr></w:lvl>\
        <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>\
        <w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>";
    let mut nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>".to_string();
    for (k, (level, start)) in instances.iter().enumerate() {
        nums.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
            k + 2
        ));
    }
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"0\">{levels}</w:abstractNum>{nums}</w:numbering>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\">\
         <w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>"
    );
    zip(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"),
        ("word/document.xml", &document),
        ("word/numbering.xml", &numbering),
        ("word/styles.xml", &styles),
    ])
}

/// A zip archive of the given files, deflated as Word writes them.
pub fn zip(files: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// Strings of the portal chrome the pages are wrapped in: none may reach
/// a report's text.
pub const CHROME: [&str; 14] = [
    "网站标识码",
    "ICP备",
    "公网安备",
    "分享到",
    "打印本页",
    "关闭窗口",
    "字号：",
    "相关文章",
    "您当前的位置",
    "关于做好春节期间安全生产工作的通知",
    "版权所有",
    "发布时间",
    "长者模式",
    "扫一扫在手机打开",
];

/// How a page lays out its article.
#[derive(Clone, Copy, Debug)]
pub enum Layout {
    /// An HTML5 page: `<nav>`, `<header>`, paragraphs as `<p>` in `<div id=zoom>`.
    Modern,
    /// An old table layout: paragraphs separated by `<br>` in a table cell.
    Table,
}

fn paragraph_html(text: &str, i: usize) -> String {
    match i % 4 {
        // Word's "save as web page" wraps source lines mid-sentence.
        0 => {
            let chars: Vec<char> = text.chars().collect();
            let (a, b) = chars.split_at(chars.len() / 2);
            format!(
                "<p style=\"text-indent:2em\"><span style=\"font-family:仿宋_GB2312\">{}\r\n{}</span></p>",
                escape(&a.iter().collect::<String>()),
                escape(&b.iter().collect::<String>())
            )
        }
        1 => format!("<p>&nbsp;&nbsp;&nbsp;&nbsp;{}</p>", escape(text)),
        2 => format!("<p>　　<font face=\"宋体\">{}</font></p>", escape(text)),
        _ => format!("<p align=\"justify\">{}</p>", escape(text)),
    }
}

/// A government portal's page holding the report.
pub fn portal_page(report: &Report, layout: Layout, charset: Option<&str>) -> String {
    let title = report
        .meta
        .title
        .clone()
        .unwrap_or_else(|| report.paragraphs[0].text.clone());
    let meta_charset = charset
        .map(|c| format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={c}\">"))
        .unwrap_or_default();
    let head = format!(
        "<head>{meta_charset}<meta name=\"SiteName\" content=\"人民政府门户网站\">\
         <meta name=\"ColumnName\" content=\"政府工作报告\"><meta name=\"ArticleTitle\" content=\"{t}\">\
         <meta name=\"PubDate\" content=\"2024-01-29 10:30\">\
         <title>{t}_政府工作报告_人民政府门户网站</title>\
         <link rel=\"stylesheet\" href=\"/css/main.css\">\
         <style>.nav li{{float:left}} .footer{{color:#666}}</style>\
         <script>var _hmt=_hmt||[];document.write('<span>首页</span>');</script></head>",
        t = escape(&title)
    );
    let related = "<div class=\"xgwz\"><h3>相关文章</h3><ul>\
        <li><a href=\"/a/1.html\">关于做好春节期间安全生产工作的通知</a><span>2024-02-01</span></li>\
        <li><a href=\"/a/2.html\">2023年全省国民经济和社会发展统计公报</a><span>2024-03-05</span></li>\
        <li><a href=\"/a/3.html\">政府工作报告解读：今年经济社会发展的主要预期目标</a><span>2024-01-30</span></li></ul></div>";
    let footer_lines = "<p><a href=\"/wzdt\">网站地图</a> | <a href=\"/lxwm\">联系我们</a> | <a href=\"/sm\">网站声明</a></p>\
        <p>主办：人民政府办公厅　承办：大数据中心</p>\
        <p>版权所有：人民政府　网站标识码：1300000017　<a>冀ICP备05001234号-1</a>　<a>冀公网安备 13010202000123号</a></p>";
    let paragraphs: Vec<&str> = report.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let body = match layout {
        Layout::Modern => {
            let content: String = paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| paragraph_html(p, i))
                .collect();
            format!(
                "<header class=\"top\"><div class=\"logo\"><img src=\"/logo.png\" alt=\"人民政府门户网站\"></div>\
                 <div class=\"topbar\"><a>无障碍</a> <a>长者模式</a> <a>English</a> <a>登录</a></div>\
                 <form class=\"search\"><input name=q placeholder=\"请输入关键词\"><button>搜索</button></form></header>\
                 <nav class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a>政务公开</a></li><li><a>政务服务</a></li><li><a>互动交流</a></li></ul></nav>\
                 <div class=\"container\"><div class=\"breadcrumb\">您当前的位置：<a href=\"/\">首页</a> &gt; <a>政务公开</a> &gt; <a>政府工作报告</a></div>\
                 <div class=\"article\"><h1 class=\"title\">{t}</h1>\
                 <div class=\"info\"><span>发布时间：2024-01-29 10:30</span> <span>来源：人民政府办公厅</span> \
                 <span class=\"font\">字号：<a>大</a> <a>中</a> <a>小</a></span></div>\
                 <div class=\"content\" id=\"zoom\">{content}</div>\
                 <div class=\"bdsharebuttonbox\">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>\
                 <div class=\"article-tools\"><a href=\"javascript:window.print()\">【打印本页】</a> <a href=\"javascript:window.close()\">【关闭窗口】</a></div></div>\
                 {related}</div>\
                 <footer class=\"footer\">{footer_lines}<div class=\"ewm\"><img src=\"/ewm.png\">扫一扫在手机打开当前页</div></footer>",
                t = escape(&title)
            )
        }
        Layout::Table => {
            let content: String = paragraphs
                .iter()
                .map(|p| format!("　　{}<br>\r\n", escape(p)))
                .collect();
            format!(
                "<table width=\"1000\" align=\"center\"><tr><td><img src=\"/banner.jpg\"></td></tr>\
                 <tr><td class=\"menu\"><a href=\"/\">首页</a> | <a>政务公开</a> | <a>政务服务</a> | <a>互动交流</a></td></tr></table>\
                 <table width=\"1000\" align=\"center\"><tr><td class=\"dqwz\">您当前的位置：<a>首页</a>&gt;&gt;<a>政务公开</a>&gt;&gt;<a>政府工作报告</a></td></tr>\
                 <tr><td align=\"center\" class=\"bt\"><font size=\"5\"><b>{t}</b></font></td></tr>\
                 <tr><td align=\"center\">发布时间：2024年01月29日　　字号：[<a>大</a> <a>中</a> <a>小</a>]</td></tr>\
                 <tr><td class=\"bt_content\" id=\"zoom\">{content}</td></tr>\
                 <tr><td align=\"right\">分享到：<a>微信</a><a>微博</a>　<a href=\"javascript:window.print()\">【打印本页】</a><a href=\"javascript:window.close()\">【关闭窗口】</a></td></tr></table>\
                 <table width=\"1000\" align=\"center\"><tr><td>{related}</td></tr></table>\
                 <table width=\"1000\" align=\"center\" class=\"bottom\"><tr><td>{footer_lines}</td></tr></table>",
                t = escape(&title)
            )
        }
    };
    format!(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\r\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\">{head}<body>{body}</body></html>\r\n"
    )
}

/// A page in GB18030 (what GB2312 pages are in practice): characters
/// outside it become numeric references, as editors write them.
pub fn gb_bytes(page: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::GB18030.encode(page);
    bytes.into_owned()
}
