//! Header-driven column reading for `/proc/net/route` and `/proc/net/rt_cache`.
//!
//! net-tools does not assume a column order for these two files: it matches
//! the header's words against the names it needs (which must appear in the
//! order asked for), builds a `sscanf` format with a skip for every other
//! word, and reads each row with it. Debian's build bounds the format to 512
//! bytes. This module reproduces the matching, the format's limits and the
//! scan, so missing, extra or reordered columns behave as they do there.

use super::fields::Scanner;

/// The conversion net-tools asks for a named column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// `%Ns`: a word of at most N bytes.
    Word(usize),
    /// `%X`
    Hex,
    /// `%d`
    Dec,
}

impl Conversion {
    /// Length of the conversion's text in the generated format (`%127s` is 5).
    fn format_len(self) -> usize {
        match self {
            Conversion::Word(n) => 2 + n.to_string().len(),
            Conversion::Hex | Conversion::Dec => 2,
        }
    }
}

/// Why no row format could be built from a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// `warning: FILE does not contain required field NAME`
    MissingField(&'static str),
    /// `warning: format buffer overflow in FILE`
    Overflow,
}

impl HeaderError {
    /// The warning net-tools prints for `path`.
    pub fn warning(&self, path: &str) -> String {
        match self {
            HeaderError::MissingField(name) => {
                format!("warning: {path} does not contain required field {name}")
            }
            HeaderError::Overflow => format!("warning: format buffer overflow in {path}"),
        }
    }
}

/// One directive of the generated format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// `%*s`: a column nobody asked for.
    Skip,
    Take(Conversion),
}

/// The row format built from a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFormat {
    steps: Vec<Step>,
}

/// Size of the format buffer in Debian's net-tools.
const FORMAT_SIZE: usize = 512;

/// Build the row format from the header line (the C string of the first
/// `fgets` piece). `wanted` lists the column names and conversions in the
/// order the columns must appear.
pub fn row_format(
    header: &[u8],
    wanted: &[(&'static str, Conversion)],
) -> Result<RowFormat, HeaderError> {
    let mut steps = Vec::new();
    let mut len = 0;
    let mut next = 0;
    for word in header_words(header) {
        let Some(&(name, conversion)) = wanted.get(next) else {
            break;
        };
        if word == name.as_bytes() {
            let add = conversion.format_len();
            if len + add + 1 >= FORMAT_SIZE {
                return Err(HeaderError::Overflow);
            }
            len += add;
            steps.push(Step::Take(conversion));
            next += 1;
            if next == wanted.len() {
                break;
            }
        } else {
            if len + 3 >= FORMAT_SIZE {
                return Err(HeaderError::Overflow);
            }
            len += 3;
            steps.push(Step::Skip);
        }
        // The separating space.
        if len + 1 >= FORMAT_SIZE {
            return Err(HeaderError::Overflow);
        }
        len += 1;
    }
    match wanted.get(next) {
        Some(&(name, _)) => Err(HeaderError::MissingField(name)),
        None => Ok(RowFormat { steps }),
    }
}

/// The header's words as net-tools splits them: leading whitespace and `|`
/// are skipped, a word ends at a space, tab, newline or `|`. net-tools
/// appends a space to the line first, so the list always ends with one empty
/// word (which still costs a skip in the format).
fn header_words(header: &[u8]) -> Vec<&[u8]> {
    let is_delimiter = |b: u8| matches!(b, b'|' | b' ' | b'\t' | b'\n');
    let skippable = |b: u8| super::fields::is_space(b) || b == b'|';
    let mut words = Vec::new();
    let mut pos = 0;
    loop {
        while pos < header.len() && skippable(header[pos]) {
            pos += 1;
        }
        let start = pos;
        while pos < header.len() && !is_delimiter(header[pos]) {
            pos += 1;
        }
        words.push(&header[start..pos]);
        if start == header.len() {
            return words;
        }
        // Past the delimiter, or past the appended space at the end.
        pos = (pos + 1).min(header.len());
    }
}

/// One converted value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Word(&'a [u8]),
    /// `%X` as `strtoul` returns it, before the cast to `unsigned int`.
    Unsigned(u64),
    /// `%d` as `strtol` returns it, before the cast to `int`.
    Signed(i64),
}

impl<'a> Value<'a> {
    /// The bytes of a word conversion (empty for numbers).
    pub fn word(self) -> &'a [u8] {
        match self {
            Value::Word(w) => w,
            _ => b"",
        }
    }

    /// The value as the C `int` it is stored in (truncating, as glibc does).
    pub fn int(self) -> i32 {
        match self {
            Value::Unsigned(v) => v as i32,
            Value::Signed(v) => v as i32,
            Value::Word(_) => 0,
        }
    }

    /// The value as a C `unsigned int`.
    pub fn uint(self) -> u32 {
        self.int() as u32
    }
}

/// What one row scan gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned<'a> {
    /// The converted values in the order asked for; fewer than asked for
    /// when the row ends early or a conversion fails (`sscanf`'s count).
    pub values: Vec<Value<'a>>,
    /// The scan ran into the end of the line, which `sscanf` notices as
    /// end of input (it then leaves `errno` at 0; see `mode::route`).
    pub reached_end: bool,
}

impl RowFormat {
    /// Read one row with the format.
    pub fn scan<'a>(&self, line: &'a [u8]) -> Scanned<'a> {
        let mut s = Scanner::new(line);
        let mut values = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            let value = match *step {
                Step::Skip => {
                    if s.word().is_none() {
                        break;
                    }
                    continue;
                }
                Step::Take(Conversion::Word(max)) => s.word_max(max).map(Value::Word),
                Step::Take(Conversion::Hex) => s.hex().map(Value::Unsigned),
                Step::Take(Conversion::Dec) => s.dec().map(Value::Signed),
            };
            match value {
                Some(v) => values.push(v),
                None => break,
            }
        }
        Scanned {
            values,
            reached_end: s.position() == line.len(),
        }
    }
}

/// net-tools' `proc_guess_fmt`: the sum of the codes of every name that
/// occurs anywhere in the header (as a substring, so `HH` is found in
/// `HHRef`).
pub fn guess_layout(header: &[u8], names: &[(&str, u32)]) -> u32 {
    names
        .iter()
        .filter(|(name, _)| {
            header
                .windows(name.len())
                .any(|window| window == name.as_bytes())
        })
        .map(|(_, code)| code)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WANTED: &[(&str, Conversion)] = &[
        ("A", Conversion::Word(3)),
        ("B", Conversion::Hex),
        ("C", Conversion::Dec),
    ];

    #[test]
    fn words_of_a_header() {
        assert_eq!(header_words(b" |A\tB|  C\n"), [&b"A"[..], b"B", b"C", b""]);
        assert_eq!(header_words(b"A\rB"), [&b"A\rB"[..], b""]);
        assert_eq!(header_words(b""), [&b""[..]]);
    }

    #[test]
    fn unknown_columns_are_skipped() {
        let f = row_format(b"X A Y B C Z\n", WANTED).unwrap();
        let v = f.scan(b"x1 abc y 1f -7 z");
        assert_eq!(
            v.values,
            [
                Value::Word(b"abc"),
                Value::Unsigned(0x1f),
                Value::Signed(-7)
            ]
        );
        assert!(!v.reached_end);
        assert!(f.scan(b"x1 abc y 1f -7").reached_end);
        // A word longer than its width leaves its tail to the next directive
        // (here the skip), so the columns slip.
        let v = f.scan(b"x1 abcd y 1f -7 z");
        assert_eq!(v.values, [Value::Word(b"abc")]);
        assert!(!v.reached_end);
        let v = f.scan(b"");
        assert!(v.values.is_empty() && v.reached_end);
        assert!(f.scan(b"x1 abc\n").reached_end);
    }

    #[test]
    fn missing_or_misordered_fields() {
        assert_eq!(
            row_format(b"A C\n", WANTED),
            Err(HeaderError::MissingField("B"))
        );
        assert_eq!(
            row_format(b"B A C\n", WANTED),
            Err(HeaderError::MissingField("B"))
        );
        assert_eq!(row_format(b"", WANTED), Err(HeaderError::MissingField("A")));
    }

    #[test]
    fn a_long_header_overflows_the_format() {
        let mut header = "x ".repeat(127).into_bytes();
        header.extend_from_slice(b"A B C\n");
        assert_eq!(row_format(&header, WANTED), Err(HeaderError::Overflow));
        let mut header = "x ".repeat(120).into_bytes();
        header.extend_from_slice(b"A B C\n");
        assert!(row_format(&header, WANTED).is_ok());
    }

    #[test]
    fn values_truncate_like_c_ints() {
        assert_eq!(Value::Signed(4_294_967_297).int(), 1);
        assert_eq!(Value::Signed(i64::MAX).int(), -1);
        assert_eq!(Value::Unsigned(u64::MAX).uint(), u32::MAX);
    }

    #[test]
    fn layout_guess_matches_substrings() {
        let names = [("HH", 32), ("ARP", 64), ("TOS", 2)];
        assert_eq!(guess_layout(b"x HHRef TOS", &names), 34);
        assert_eq!(guess_layout(b"", &names), 0);
    }
}
