//! The pieces every page of the site is made of: escaping, the page shell
//! (UTF-8, `lang="zh"`, a Content-Security-Policy that forbids any network
//! request), the shared style and the small table script.

use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a file name for use in a relative link (file names are
/// report stems: Chinese, spaces, parentheses).
pub fn href_segment(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// No request may leave the page: everything is inline or a file beside it.
const CSP: &str = "default-src 'none'; img-src 'self' file: data:; \
                   style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
                   connect-src 'none'; form-action 'none'; base-uri 'none'";

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5em auto;max-width:78em;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.2em .45em;vertical-align:top}
th{background:#f2f2f2;cursor:pointer;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.fail td{background:#fde8e8}tr.unverified td{background:#fff6d6}tr.rounding td{background:#f4f8ff}
.muted{color:#777}.tag{display:inline-block;padding:0 .4em;border-radius:.3em;background:#eee;font-size:.85em}
.tag.fail{background:#f7c5c5}.tag.unverified{background:#f5e3a3}.tag.pass{background:#cfe9cf}
img.crop{max-width:100%;border:1px solid #bbb;display:block;margin:.3em 0}
.pager button{margin:0 .2em}.filter{margin:.3em 0;padding:.2em;width:20em}
nav a{margin-right:1em}dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dl.meta dt{color:#555}
.scroll{overflow-x:auto}
"#;

/// Sorting (click a header), filtering (the box above) and paging (100 rows
/// at a time) of every `table.data`; and a count of images that failed to
/// load, for a reader (and the tests) to see at a glance.
const SCRIPT: &str = r#"
(function(){
var PAGE=100;
function num(t){var s=t.replace(/[,\s%]/g,'');return s!==''&&!isNaN(s)?parseFloat(s):null}
function setup(table){
 var body=table.tBodies[0];if(!body)return;var rows=[].slice.call(body.rows);var shown=rows;var page=0;
 var bar=document.createElement('div');bar.className='pager';table.parentNode.insertBefore(bar,table.nextSibling);
 var f=document.createElement('input');f.className='filter';f.placeholder='filter / 筛选';table.parentNode.insertBefore(f,table);
 function draw(){rows.forEach(function(r){r.style.display='none'});
  shown.slice(page*PAGE,(page+1)*PAGE).forEach(function(r){r.style.display=''});
  var pages=Math.max(1,Math.ceil(shown.length/PAGE));
  bar.innerHTML=pages>1?'<button data-d="-1">&lt;</button> page '+(page+1)+' / '+pages+' ('+shown.length+' rows) <button data-d="1">&gt;</button>':(shown.length+' rows');}
 bar.addEventListener('click',function(e){var d=e.target.getAttribute('data-d');if(!d)return;
  var pages=Math.max(1,Math.ceil(shown.length/PAGE));page=Math.min(pages-1,Math.max(0,page+parseInt(d,10)));draw()});
 f.addEventListener('input',function(){var q=f.value.toLowerCase();shown=rows.filter(function(r){return r.textContent.toLowerCase().indexOf(q)>=0});page=0;draw()});
 [].forEach.call(table.tHead?table.tHead.rows[0].cells:[],function(th,i){var asc=true;th.addEventListener('click',function(){
  rows.sort(function(a,b){var x=a.cells[i]?a.cells[i].textContent:'',y=b.cells[i]?b.cells[i].textContent:'';var nx=num(x),ny=num(y);
   var c=(nx!==null&&ny!==null)?nx-ny:x.localeCompare(y,'zh');return asc?c:-c});asc=!asc;
  rows.forEach(function(r){body.appendChild(r)});var q=f.value.toLowerCase();shown=rows.filter(function(r){return r.textContent.toLowerCase().indexOf(q)>=0});draw()})});
 draw();}
window.addEventListener('load',function(){
 [].forEach.call(document.querySelectorAll('table.data'),setup);
 var imgs=document.images,broken=0;for(var i=0;i<imgs.length;i++){if(!imgs[i].complete||imgs[i].naturalWidth===0)broken++}
 document.body.setAttribute('data-images',imgs.length);document.body.setAttribute('data-images-broken',broken);});
})();
"#;

/// A whole page: `depth` is how many folders below the site's root it lives
/// (for the links back to the overview).
pub fn page(title: &str, depth: usize, body: &str) -> String {
    let mut out = page_head(title, depth);
    out.push_str(body);
    out.push_str(&page_tail());
    out
}

/// A page up to where its body begins: [`page`] in pieces, for the
/// run-wide pages that are written row by row rather than held whole.
pub fn page_head(title: &str, depth: usize) -> String {
    let up = "../".repeat(depth);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <nav><a href=\"{up}index.html\">Overview 总览</a><a href=\"{up}checks-1.html\">Checks 校验</a>\
         <a href=\"{up}discrepancies-1.html\">Discrepancies 不一致</a><a href=\"{up}charts.html\">Charts 图表</a></nav>\n",
        esc(title)
    )
}

/// What follows a page's body: the table script and the closing tags.
pub fn page_tail() -> String {
    format!("\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
}

/// A table with a header row; `numeric[i]` right-aligns column i. Cells are
/// already HTML. `class` "data" makes it sortable, filterable and paged.
pub fn table(class: &str, headers: &[&str], numeric: &[bool], rows: &[Vec<String>]) -> String {
    let mut out = table_head(class, headers, numeric);
    for row in rows {
        push_table_row(&mut out, numeric, row);
    }
    out.push_str(TABLE_TAIL);
    out
}

/// `" class=\"n\""` for a numeric column, nothing otherwise.
fn numeric_class(numeric: &[bool], i: usize) -> &'static str {
    if numeric.get(i).copied().unwrap_or(false) {
        " class=\"n\""
    } else {
        ""
    }
}

/// A table up to its first row: [`table`] in pieces.
pub fn table_head(class: &str, headers: &[&str], numeric: &[bool]) -> String {
    let mut out = format!("<div class=\"scroll\"><table class=\"{class}\"><thead><tr>");
    for (i, h) in headers.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", numeric_class(numeric, i), esc(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    out
}

/// Appends one row of a table whose cells are already HTML (tables run
/// to thousands of rows, so the row goes straight into the caller's text).
pub fn push_table_row(out: &mut String, numeric: &[bool], row: &[String]) {
    out.push_str("<tr>");
    for (i, cell) in row.iter().enumerate() {
        out.push_str("<td");
        out.push_str(numeric_class(numeric, i));
        out.push('>');
        out.push_str(cell);
        out.push_str("</td>");
    }
    out.push_str("</tr>\n");
}

/// What closes a table after its last row.
pub const TABLE_TAIL: &str = "</tbody></table></div>\n";

/// An outcome as a coloured tag, whatever its string (`pass`, `fail`,
/// `rounding`, `unverified`, or any later one).
pub fn outcome_tag(outcome: &str) -> String {
    format!("<span class=\"tag {0}\">{0}</span>", esc(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_encodes() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            href_segment("财政 局(1)"),
            "%E8%B4%A2%E6%94%BF%20%E5%B1%80%281%29"
        );
        assert!(page("t", 1, "").contains("lang=\"zh\""));
    }
}
