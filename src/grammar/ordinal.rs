//! Item ordinals (`一、` `(一)` `1.` `1、` `(1)`): what the grammar uses to tell an
//! item line from a continuation, and what row keys drop from a label. It lives
//! in the grammar because the grammar is the first stage that needs it; the
//! normaliser reuses it from here.

/// The digits an ordinal is written with (一 … 十; 二十六 is three of them),
/// in value order: a digit's value is its index plus one.
pub const CN_DIGITS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Whether `c` is one of [`CN_DIGITS`]: compared as chars, without searching
/// a string for the char's UTF-8 (asked for every char of every label).
pub fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(&c)
}

/// The value of `c` as one of [`CN_DIGITS`] (一 → 1 … 十 → 10).
pub fn cn_digit_value(c: char) -> Option<u32> {
    let index = CN_DIGITS.iter().position(|&d| d == c)?;
    u32::try_from(index + 1).ok()
}

/// Removes an ordinal prefix: `一、` `(一)` `1.` `1、` `(1)`.
pub fn strip_ordinal(label: &str) -> &str {
    let is_ord = |c: char| is_cn_digit(c) || c.is_ascii_digit();
    let lead = label
        .char_indices()
        .find(|(_, c)| !is_ord(*c))
        .map(|(i, _)| i)
        .unwrap_or(label.len());
    if lead > 0 {
        let rest = &label[lead..];
        for sep in ["、", ".", "．"] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    if let Some(inner) = label.strip_prefix('(') {
        let lead = inner
            .char_indices()
            .find(|(_, c)| !is_ord(*c))
            .map(|(i, _)| i)
            .unwrap_or(0);
        if lead > 0
            && let Some(r) = inner[lead..].strip_prefix(')')
        {
            return r;
        }
    }
    label
}

/// True when the label starts with an ordinal (an item that sums to the side's total).
pub fn has_ordinal(label: &str) -> bool {
    strip_ordinal(label).len() != label.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_values_follow_the_digits_order() {
        assert_eq!(cn_digit_value('一'), Some(1));
        assert_eq!(cn_digit_value('五'), Some(5));
        assert_eq!(cn_digit_value('十'), Some(10));
        assert_eq!(cn_digit_value('1'), None);
        assert!(CN_DIGITS.iter().all(|&d| is_cn_digit(d)));
    }

    #[test]
    fn ordinals() {
        assert_eq!(
            strip_ordinal("一、一般公共预算财政拨款收入"),
            "一般公共预算财政拨款收入"
        );
        assert_eq!(
            strip_ordinal("二十六、抗疫特别国债安排的支出"),
            "抗疫特别国债安排的支出"
        );
        assert_eq!(strip_ordinal("(一)基本支出"), "基本支出");
        assert_eq!(strip_ordinal("1.教育"), "教育");
        assert_eq!(strip_ordinal("本年收入合计"), "本年收入合计");
        assert!(!has_ordinal("一般公共预算财政拨款"));
    }
}
