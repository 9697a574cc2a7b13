//! The narrative as searchable passages: the paragraphs under one heading
//! joined into one string (a sentence wrapped across a page break or a
//! paragraph split is whole again), with the page of every byte range and the
//! heading path it sits under.

use crate::grammar::Block;

/// The paragraphs under one heading, joined.
#[derive(Debug, Clone, Default)]
pub struct Passage {
    /// The enclosing headings, outermost first, joined with ` > `.
    pub headings: String,
    /// The joined text.
    pub text: String,
    /// (byte offset where a paragraph starts, its page), ascending.
    pub pages: Vec<(usize, u32)>,
}

impl Passage {
    /// The page of the paragraph holding byte `offset`.
    pub fn page_at(&self, offset: usize) -> u32 {
        self.pages
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .or(self.pages.first())
            .map(|(_, p)| *p)
            .unwrap_or(0)
    }

    /// The sentence (between 。 ; or passage ends) around a byte range.
    pub fn sentence_around(&self, start: usize, end: usize) -> String {
        let is_stop = |c: char| c == '。' || c == ';';
        let from = self
            .text
            .get(..start)
            .and_then(|head| head.rfind(is_stop).map(|i| i + stop_len(head, i)))
            .unwrap_or(0);
        let to = self
            .text
            .get(end..)
            .and_then(|tail| tail.find(is_stop).map(|i| end + i + stop_len(tail, i)))
            .unwrap_or(self.text.len());
        self.text.get(from..to).unwrap_or_default().to_string()
    }
}

fn stop_len(s: &str, i: usize) -> usize {
    s.get(i..)
        .and_then(|t| t.chars().next())
        .map(char::len_utf8)
        .unwrap_or(0)
}

/// Splits the report's sections into passages at every heading.
pub fn passages(sections: &[Block]) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    let mut current = Passage::default();
    for block in sections {
        match block {
            Block::Heading { text, level, page } => {
                if !current.text.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                path.retain(|(l, _)| l < level);
                path.push((*level, text.clone()));
                current.headings = path
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" > ");
                current.pages.push((0, *page));
            }
            Block::Paragraph { text, page } => {
                current.pages.push((current.text.len(), *page));
                current.text.push_str(text);
            }
            Block::Table(_) => {}
        }
    }
    if !current.text.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paragraphs_and_finds_pages_and_sentences() {
        let blocks = vec![
            Block::Heading {
                text: "三、支出决算情况说明".into(),
                level: 1,
                page: 3,
            },
            Block::Paragraph {
                text: "支出合计10万元。其中:基本支出4万元,占本年支出40%;".into(),
                page: 3,
            },
            Block::Paragraph {
                text: "经营支出0万元,占本年支出0.0%。".into(),
                page: 4,
            },
        ];
        let p = passages(&blocks);
        assert_eq!(p.len(), 1);
        let at = p[0].text.find("经营").unwrap();
        assert_eq!(p[0].page_at(at), 4);
        assert_eq!(p[0].page_at(0), 3);
        assert_eq!(
            p[0].sentence_around(at, at + 3),
            "经营支出0万元,占本年支出0.0%。"
        );
    }
}
