//! Text normalisation for decoded glyphs.
//!
//! Word and WPS subset fonts often map Han characters to their look-alike
//! radical code points (⻔ U+2ED4 for 门), and tables use full-width digits.
//! NFKC folds Kangxi radicals (U+2F00..) and full-width forms, but leaves most
//! of the CJK Radicals Supplement (U+2E80..) alone, so a small table finishes
//! the job. Without this, "部⻔" would never match "部门" in a title.

use super::page::GlyphText;
use unicode_normalization::UnicodeNormalization;

/// CJK Radicals Supplement code points that stand for an ordinary
/// (mostly simplified) ideograph in running text, and that NFKC leaves alone.
const RADICALS: &[(char, char)] = &[
    ('\u{2E81}', '厂'),
    ('\u{2E84}', '乙'),
    ('\u{2E85}', '亻'),
    ('\u{2E86}', '冂'),
    ('\u{2E87}', '几'),
    ('\u{2E88}', '刀'),
    ('\u{2E89}', '刂'),
    ('\u{2E8A}', '卜'),
    ('\u{2E8C}', '小'),
    ('\u{2E8D}', '小'),
    ('\u{2E8E}', '兀'),
    ('\u{2E8F}', '尢'),
    ('\u{2E90}', '尢'),
    ('\u{2E92}', '巳'),
    ('\u{2E93}', '幺'),
    ('\u{2E94}', '彐'),
    ('\u{2E95}', '彐'),
    ('\u{2E96}', '忄'),
    ('\u{2E97}', '心'),
    ('\u{2E98}', '扌'),
    ('\u{2E99}', '攵'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9D}', '月'),
    ('\u{2E9E}', '歹'),
    ('\u{2EA0}', '民'),
    ('\u{2EA1}', '氵'),
    ('\u{2EA2}', '水'),
    ('\u{2EA3}', '灬'),
    ('\u{2EA4}', '爪'),
    ('\u{2EA5}', '爪'),
    ('\u{2EA6}', '丬'),
    ('\u{2EA7}', '牛'),
    ('\u{2EA8}', '犭'),
    ('\u{2EA9}', '王'),
    ('\u{2EAA}', '疋'),
    ('\u{2EAB}', '罒'),
    ('\u{2EAC}', '示'),
    ('\u{2EAD}', '礻'),
    ('\u{2EAE}', '竹'),
    ('\u{2EAF}', '糸'),
    ('\u{2EB0}', '纟'),
    ('\u{2EB2}', '罒'),
    ('\u{2EB3}', '罒'),
    ('\u{2EB4}', '罒'),
    ('\u{2EB6}', '羊'),
    ('\u{2EB7}', '羊'),
    ('\u{2EB9}', '耂'),
    ('\u{2EBA}', '肀'),
    ('\u{2EBB}', '聿'),
    ('\u{2EBC}', '月'),
    ('\u{2EBD}', '臼'),
    ('\u{2EBE}', '艹'),
    ('\u{2EBF}', '艹'),
    ('\u{2EC0}', '艹'),
    ('\u{2EC1}', '虎'),
    ('\u{2EC2}', '衤'),
    ('\u{2EC3}', '覀'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC7}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECA}', '足'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ECD}', '辶'),
    ('\u{2ECE}', '辶'),
    ('\u{2ECF}', '阝'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED1}', '長'),
    ('\u{2ED2}', '長'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED5}', '阝'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED7}', '雨'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EDE}', '飠'),
    ('\u{2EDF}', '飠'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE1}', '首'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '齐'),
    ('\u{2EEC}', '齐'),
    ('\u{2EED}', '齿'),
    ('\u{2EEE}', '齿'),
    ('\u{2EEF}', '龙'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF1}', '龜'),
    ('\u{2EF2}', '龟'),
];

/// Maps one radical-supplement character to its ideograph, if listed.
fn radical(c: char) -> Option<char> {
    RADICALS
        .binary_search_by(|(from, _)| from.cmp(&c))
        .ok()
        .and_then(|i| RADICALS.get(i))
        .map(|(_, to)| *to)
}

/// Normalises decoded glyph text: the radical table first (NFKC would leave
/// those code points untouched anyway), then NFKC, which also folds
/// full-width digits and Kangxi radicals. Control characters are dropped
/// because broken ToUnicode maps sometimes produce U+0000.
pub fn normalise_text(text: &str) -> String {
    // Nearly every glyph is printable ASCII or a CJK Unified Ideograph,
    // which NFKC leaves alone and which are no radicals: skip the work.
    if text.chars().all(is_stable) {
        return text.to_string();
    }
    fold_all(text)
}

/// [`normalise_text`] of an owned string: the string itself when nothing
/// changes (nearly every glyph), so that a glyph's text is allocated once.
pub(crate) fn normalise_owned(text: GlyphText) -> GlyphText {
    if text.chars().all(is_stable) {
        return text;
    }
    fold_all(&text).into()
}

/// The full normalisation: radicals, then NFKC, control characters dropped.
fn fold_all(text: &str) -> String {
    let mapped: String = text.chars().map(|c| radical(c).unwrap_or(c)).collect();
    mapped.nfkc().filter(|c| !c.is_control()).collect()
}

/// True for characters that normalisation provably leaves as they are:
/// printable ASCII, CJK Unified Ideographs (no decompositions) and the
/// ideographic comma and full stop.
fn is_stable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{4E00}'..='\u{9FFF}' | '、' | '。')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_table_is_sorted_for_binary_search() {
        assert!(RADICALS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn supplement_radicals_become_ideographs() {
        assert_eq!(normalise_text("部\u{2ED4}"), "部门");
        assert_eq!(normalise_text("\u{2EC5}"), "见");
    }

    #[test]
    fn kangxi_radicals_and_full_width_digits_fold_by_nfkc() {
        assert_eq!(normalise_text("\u{2F64}"), "用");
        assert_eq!(normalise_text("１２３．４５"), "123.45");
    }

    #[test]
    fn the_fast_path_agrees_with_full_normalisation() {
        let stable = (0x20u32..0x7F)
            .chain(0x4E00..=0x9FFF)
            .chain([0x3001, 0x3002])
            .filter_map(char::from_u32);
        for c in stable {
            let t = c.to_string();
            assert!(is_stable(c));
            assert_eq!(normalise_text(&t), fold_all(&t), "{c:?}");
        }
        assert!(!is_stable('\u{2ED4}') && !is_stable('１') && !is_stable('\u{7F}'));
    }

    #[test]
    fn the_owned_form_normalises_alike() {
        for t in ["部\u{2ED4}", "１２", "收入", "a", "\u{0}"] {
            assert_eq!(normalise_owned(t.into()), normalise_text(t), "{t:?}");
        }
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(normalise_text("\u{0}"), "");
    }
}
