//! Where each member of the request came from: a file, or the value of an option, so that a
//! caller can report a problem where the user wrote it (at `F:LINE:COLUMN` of a `file://F`
//! value or of `--cli-input-json file://F`, or in the value of the option that gave it) rather
//! than in the request it prints.

use idpool_shorthand::argument::{Processed, ReadAs};

/// A text the user wrote: a file, or the value of an option.
#[derive(Debug)]
pub struct Source {
    /// What a location line names: the file's path (`pool.json`), or the option
    /// (`--identity-pool-name`, `value 2 of --saml-provider-arns`).
    pub name: String,
    /// The text.
    pub text: String,
    /// How it was read.
    pub syntax: Syntax,
}

/// How a source's text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// AWS CLI shorthand.
    Shorthand,
    /// The text is the value (a string, a number, a boolean).
    Plain,
}

/// Where the value of one member is; each `usize` is an index into [`Origins::sources`].
#[derive(Debug)]
pub enum Place {
    /// In a source holding the whole request (`--cli-input-json`): at the member's own pointer.
    Request(usize),
    /// A source holding the member's value and nothing else.
    Value(usize),
    /// One source per list item.
    Items(Vec<usize>),
    /// A file's text given to a list option, split into its characters, one item each.
    Characters {
        /// The file.
        source: usize,
        /// The value given, `file://...`.
        uri: String,
        /// How many characters (items) it gave.
        count: usize,
    },
}

/// The sources of a request's members.
#[derive(Debug, Default)]
pub struct Origins {
    sources: Vec<Source>,
    /// Each member given, and where its value is.
    places: Vec<(String, Place)>,
    /// The source holding the request object the user wrote (`--cli-input-json`), where the
    /// problems of the request as a whole are reported.
    root: Option<usize>,
}

impl Origins {
    /// The sources, in the order they were read.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Each member given, with its place, in the order they were recorded.
    pub fn places(&self) -> &[(String, Place)] {
        &self.places
    }

    /// The source of the request object the user wrote (`--cli-input-json`), if any.
    pub fn root(&self) -> Option<usize> {
        self.root
    }

    fn add(&mut self, name: String, text: String, syntax: Syntax) -> usize {
        self.sources.push(Source { name, text, syntax });
        self.sources.len() - 1
    }

    /// Records the member `member`, set by `option` from its `values` as `processed` says they
    /// were read.
    pub fn argument(
        &mut self,
        member: &str,
        option: &str,
        values: &[String],
        processed: &Processed,
    ) {
        let syntax = match processed.read_as {
            ReadAs::Json => Syntax::Json,
            ReadAs::Shorthand => Syntax::Shorthand,
            ReadAs::Plain => Syntax::Plain,
            ReadAs::Characters => {
                if let (Some(text), [uri]) = (&processed.file_text, values) {
                    let count = processed.value.as_array().map_or(0, Vec::len);
                    let path = uri.strip_prefix("file://").unwrap_or(uri);
                    let source = self.add(path.to_owned(), text.clone(), Syntax::Plain);
                    self.place(
                        member,
                        Place::Characters {
                            source,
                            uri: uri.clone(),
                            count,
                        },
                    );
                }
                return;
            }
            _ => return,
        };
        let place = match (&processed.file_text, values) {
            (Some(text), [uri]) => {
                let path = uri.strip_prefix("file://").unwrap_or(uri);
                Place::Value(self.add(path.to_owned(), text.clone(), syntax))
            }
            // A list argument's values are its items, one each, unless one value is the
            // whole list in JSON.
            _ if processed.value.is_array() && syntax != Syntax::Json => {
                let several = values.len() > 1;
                let items = values
                    .iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let name = if several {
                            format!("value {} of {option}", i + 1)
                        } else {
                            option.to_owned()
                        };
                        self.add(name, value.clone(), syntax)
                    })
                    .collect();
                Place::Items(items)
            }
            (_, [value]) => Place::Value(self.add(option.to_owned(), value.clone(), syntax)),
            _ => return,
        };
        self.place(member, place);
    }

    /// Records the members `added` from `--cli-input-json` (`option`), whose text is `text`,
    /// read from the file `file` when the value named one. YAML is not searched: its members'
    /// problems stay in the printed request.
    pub fn cli_input(
        &mut self,
        option: &str,
        file: Option<&str>,
        text: &str,
        yaml: bool,
        added: &[String],
    ) {
        if yaml {
            return;
        }
        let name = file.unwrap_or(option).to_owned();
        let source = self.add(name, text.to_owned(), Syntax::Json);
        self.root = Some(source);
        for member in added {
            self.place(member, Place::Request(source));
        }
    }

    /// The text of the source named `name`, or `request`.
    pub fn text_of<'a>(&'a self, name: &str, request: &'a str) -> &'a str {
        self.sources
            .iter()
            .rev()
            .find(|s| s.name == name)
            .map_or(request, |s| s.text.as_str())
    }

    fn place(&mut self, member: &str, place: Place) {
        self.places.retain(|(m, _)| m != member);
        self.places.push((member.to_owned(), place));
    }
}
