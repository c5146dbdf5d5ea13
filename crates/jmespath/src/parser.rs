//! Parsing: a port of `jmespath/parser.py`, a Pratt parser.

use crate::MAX_DEPTH;
use crate::ast::{Comparator, Node};
use crate::error::Error;
use crate::functions::Function;
use crate::lexer::{Tok, Token, lex};
use crate::value::Val;

/// Compiles `expression` into its syntax tree, as `Parser.parse` does.
pub(crate) fn parse(expression: &str) -> Result<Node, Error> {
    let lexed = lex(expression)?;
    let mut parser = Parser {
        tokens: &lexed.tokens,
        literals: &lexed.literals,
        index: 0,
        nesting: 0,
    };
    parser.parse()
}

/// A node and the depth of its tree (a leaf is 1).
pub(crate) type Parsed = (Node, usize);

/// `Parser.BINDING_POWER`.
pub(crate) fn binding_power(tok: &Tok) -> usize {
    match tok {
        Tok::Pipe => 1,
        Tok::Or => 2,
        Tok::And => 3,
        Tok::Eq | Tok::Gt | Tok::Lt | Tok::Gte | Tok::Lte | Tok::Ne => 5,
        Tok::Flatten => 9,
        Tok::Star => 20,
        Tok::Filter => 21,
        Tok::Dot => 40,
        Tok::Not => 45,
        Tok::Lbrace => 50,
        Tok::Lbracket => 55,
        Tok::Lparen => 60,
        _ => 0,
    }
}

/// Tokens binding less than this end a projection (`_PROJECTION_STOP`).
pub(crate) const PROJECTION_STOP: usize = 10;

/// The parser's state: the tokens, the last one `Eof`, and where it is in them.
struct Parser<'t> {
    tokens: &'t [Token],
    literals: &'t [Val<'static>],
    index: usize,
    /// How many `expression` calls are open.
    nesting: usize,
}

impl<'t> Parser<'t> {
    /// Parses the whole expression (`Parser._parse`).
    fn parse(&mut self) -> Result<Node, Error> {
        let (node, _) = self.expression(0)?;
        let token = self.token(0);
        if token.tok != Tok::Eof {
            let reason = format!("Unexpected token: {}", token.value);
            return Err(Error::parse(&reason, token));
        }
        Ok(node)
    }

    /// The token `ahead` positions after the current one (`Eof` past the end).
    pub(crate) fn token(&self, ahead: usize) -> &'t Token {
        /// What an empty token list would end with; the lexer always ends it with `Eof`.
        static EOF: Token = Token {
            tok: Tok::Eof,
            start: 0,
            value: String::new(),
        };
        let tokens = self.tokens;
        tokens
            .get(self.index + ahead)
            .or(tokens.last())
            .unwrap_or(&EOF)
    }

    /// The current token's type (`_current_token`).
    pub(crate) fn current(&self) -> &'t Tok {
        &self.token(0).tok
    }

    /// Moves to the next token.
    pub(crate) fn advance(&mut self) {
        self.index += 1;
    }

    /// `_match`: consumes a token of type `expected`.
    pub(crate) fn expect(&mut self, expected: &Tok) -> Result<(), Error> {
        if self.current() == expected {
            self.advance();
            return Ok(());
        }
        Err(self.expecting(expected.python_type()))
    }

    /// `_raise_parse_error_maybe_eof`: the current token is not the `expected` one.
    #[cold]
    pub(crate) fn expecting(&self, expected: &str) -> Error {
        let token = self.token(0);
        if token.tok == Tok::Eof {
            return Error::incomplete(token.start);
        }
        let reason = format!("Expecting: {expected}, got: {}", token.tok.python_type());
        Error::parse(&reason, token)
    }

    /// A node over children of depths `depths`, refused beyond [`MAX_DEPTH`].
    pub(crate) fn node(node: Node, depths: &[usize]) -> Result<Parsed, Error> {
        let depth = depths.iter().max().map_or(1, |deepest| deepest + 1);
        if depth > MAX_DEPTH {
            return Err(Error::too_deep());
        }
        Ok((node, depth))
    }

    /// `_expression`: a prefix (`nud`), then operators binding tighter than `binding`.
    ///
    /// This is the parser's recursion; the functions it goes through keep their frames small.
    pub(crate) fn expression(&mut self, binding: usize) -> Result<Parsed, Error> {
        self.nesting += 1;
        if self.nesting > MAX_DEPTH {
            return Err(Error::too_deep());
        }
        let token = self.token(0);
        self.advance();
        let mut left = self.nud(token)?;
        while binding < binding_power(self.current()) {
            let token = self.token(0);
            self.advance();
            left = self.led(token, left)?;
        }
        self.nesting -= 1;
        Ok(left)
    }

    /// The `_token_nud_*` methods: a token starting an expression.
    pub(crate) fn nud(&mut self, token: &'t Token) -> Result<Parsed, Error> {
        match &token.tok {
            Tok::Literal(index) => {
                let value = self.literals.get(*index).cloned().unwrap_or(Val::NULL);
                Ok((Node::Literal(Box::new(value)), 1))
            }
            Tok::Ident(name) => Ok((Node::Field(name.clone()), 1)),
            Tok::Quoted(name) => self.quoted_identifier(name),
            Tok::Star => self.nud_star(),
            Tok::Filter => self.filter((Node::Identity, 1)),
            Tok::Lbrace => self.multi_select_hash(),
            Tok::Lparen => {
                let inner = self.expression(0)?;
                self.expect(&Tok::Rparen)?;
                Ok(inner)
            }
            Tok::Flatten => self.flatten((Node::Identity, 1)),
            Tok::Not | Tok::Expref => self.prefix(&token.tok),
            Tok::Lbracket => self.nud_lbracket(),
            Tok::Current => Ok((Node::Identity, 1)),
            Tok::Eof => Err(Error::incomplete(token.start)),
            _ => Err(Error::parse("invalid token", token)),
        }
    }

    /// `_token_nud_quoted_identifier`: a field, which may not name a function.
    pub(crate) fn quoted_identifier(&mut self, name: &str) -> Result<Parsed, Error> {
        if *self.current() == Tok::Lparen {
            // Python reports this one at column 0.
            let reason = "Quoted identifier not allowed for function names.";
            let at = Token {
                start: 0,
                ..self.token(0).clone()
            };
            return Err(Error::parse(reason, &at));
        }
        Ok((Node::Field(name.to_owned()), 1))
    }

    /// `_token_nud_star`: `*`, the values of the current object.
    pub(crate) fn nud_star(&mut self) -> Result<Parsed, Error> {
        let right = if *self.current() == Tok::Rbracket {
            (Node::Identity, 1)
        } else {
            self.projection_rhs(binding_power(&Tok::Star))?
        };
        let node = Node::ValueProjection(Box::new(Node::Identity), Box::new(right.0));
        Parser::node(node, &[right.1])
    }

    /// `_token_nud_not` and `_token_nud_expref`: `!operand` and `&expression`.
    pub(crate) fn prefix(&mut self, tok: &Tok) -> Result<Parsed, Error> {
        let operand = self.expression(binding_power(tok))?;
        let operand_node = Box::new(operand.0);
        let node = if *tok == Tok::Not {
            Node::Not(operand_node)
        } else {
            Node::Expref(operand_node)
        };
        Parser::node(node, &[operand.1])
    }

    /// `_token_nud_lbracket`: an index or slice of the current node, `[*]`, or a multi-select
    /// list.
    pub(crate) fn nud_lbracket(&mut self) -> Result<Parsed, Error> {
        match self.current() {
            Tok::Number(_) | Tok::Colon => {
                let right = self.index_expression()?;
                self.project_if_slice((Node::Identity, 1), right)
            }
            Tok::Star if self.token(1).tok == Tok::Rbracket => {
                self.advance();
                self.advance();
                self.wildcard((Node::Identity, 1))
            }
            _ => self.multi_select_list(),
        }
    }

    /// The `_token_led_*` methods: an operator after `left`.
    pub(crate) fn led(&mut self, token: &'t Token, left: Parsed) -> Result<Parsed, Error> {
        match token.tok {
            Tok::Dot => self.dot(left),
            Tok::Pipe
            | Tok::Or
            | Tok::And
            | Tok::Eq
            | Tok::Ne
            | Tok::Lt
            | Tok::Lte
            | Tok::Gt
            | Tok::Gte => self.binary(&token.tok, left),
            Tok::Lparen => self.function(left),
            Tok::Filter => self.filter(left),
            Tok::Flatten => self.flatten(left),
            Tok::Lbracket => self.led_lbracket(left),
            // `star`, `not` and `lbrace` bind but have no `led`.
            _ => Err(Error::parse("invalid token", token)),
        }
    }

    /// `_token_led_pipe`, `_token_led_or`, `_token_led_and` and the comparators.
    pub(crate) fn binary(&mut self, tok: &Tok, left: Parsed) -> Result<Parsed, Error> {
        let right = self.expression(binding_power(tok))?;
        let (l, r) = (Box::new(left.0), Box::new(right.0));
        let node = match tok {
            Tok::Pipe => Node::Pipe(l, r),
            Tok::Or => Node::Or(l, r),
            Tok::And => Node::And(l, r),
            Tok::Eq => Node::Compare(Comparator::Eq, l, r),
            Tok::Ne => Node::Compare(Comparator::Ne, l, r),
            Tok::Lt => Node::Compare(Comparator::Lt, l, r),
            Tok::Lte => Node::Compare(Comparator::Lte, l, r),
            Tok::Gt => Node::Compare(Comparator::Gt, l, r),
            _ => Node::Compare(Comparator::Gte, l, r),
        };
        Parser::node(node, &[left.1, right.1])
    }

    /// `_token_led_flatten` (and `_token_nud_flatten` on the current node): `left[]`.
    pub(crate) fn flatten(&mut self, left: Parsed) -> Result<Parsed, Error> {
        let right = self.projection_rhs(binding_power(&Tok::Flatten))?;
        let flattened = Box::new(Node::Flatten(Box::new(left.0)));
        Parser::node(
            Node::Projection(flattened, Box::new(right.0)),
            &[left.1 + 1, right.1],
        )
    }

    /// `left[*]` and what follows it.
    pub(crate) fn wildcard(&mut self, left: Parsed) -> Result<Parsed, Error> {
        let right = self.projection_rhs(binding_power(&Tok::Star))?;
        Parser::node(
            Node::Projection(Box::new(left.0), Box::new(right.0)),
            &[left.1, right.1],
        )
    }

    /// `_token_led_lbracket`: `left[n]`, `left[a:b]` or `left[*]`.
    pub(crate) fn led_lbracket(&mut self, left: Parsed) -> Result<Parsed, Error> {
        if !matches!(self.current(), Tok::Number(_) | Tok::Colon) {
            self.expect(&Tok::Star)?;
            self.expect(&Tok::Rbracket)?;
            return self.wildcard(left);
        }
        let right = self.index_expression()?;
        match left.0 {
            Node::IndexExpression(mut children) => {
                children.push(right.0);
                let depths = [left.1.saturating_sub(1), right.1];
                Parser::node(Node::IndexExpression(children), &depths)
            }
            node => self.project_if_slice((node, left.1), right),
        }
    }

    /// `_token_led_dot`: `left.name`, `left.[..]`, `left.{..}` or `left.*`.
    pub(crate) fn dot(&mut self, left: Parsed) -> Result<Parsed, Error> {
        if *self.current() == Tok::Star {
            self.advance();
            let right = self.projection_rhs(binding_power(&Tok::Dot))?;
            let node = Node::ValueProjection(Box::new(left.0), Box::new(right.0));
            return Parser::node(node, &[left.1, right.1]);
        }
        let right = self.dot_rhs(binding_power(&Tok::Dot))?;
        match left.0 {
            Node::Subexpression(mut children) => {
                children.push(right.0);
                let depths = [left.1.saturating_sub(1), right.1];
                Parser::node(Node::Subexpression(children), &depths)
            }
            node => Parser::node(Node::Subexpression(vec![node, right.0]), &[left.1, right.1]),
        }
    }

    /// `_token_led_lparen`: a call of the function named by the field `left`.
    pub(crate) fn function(&mut self, left: Parsed) -> Result<Parsed, Error> {
        let Node::Field(name) = left.0 else {
            let tokens = self.tokens;
            let before = self.index.checked_sub(2).and_then(|i| tokens.get(i));
            let before = before.unwrap_or(self.token(0));
            let reason = format!("Invalid function name '{}'", before.value);
            return Err(Error::parse(&reason, before));
        };
        let mut args = Vec::new();
        let mut depths = Vec::new();
        while *self.current() != Tok::Rparen {
            let (arg, depth) = self.expression(0)?;
            if *self.current() == Tok::Comma {
                self.expect(&Tok::Comma)?;
            }
            args.push(arg);
            depths.push(depth);
        }
        self.expect(&Tok::Rparen)?;
        let node = Node::Function {
            function: Function::named(&name),
            name,
            args,
        };
        Parser::node(node, &depths)
    }

    /// `_token_led_filter`: `left[?condition]` and what follows it.
    pub(crate) fn filter(&mut self, left: Parsed) -> Result<Parsed, Error> {
        let condition = self.expression(0)?;
        self.expect(&Tok::Rbracket)?;
        let right = if *self.current() == Tok::Flatten {
            (Node::Identity, 1)
        } else {
            self.projection_rhs(binding_power(&Tok::Filter))?
        };
        let node = Node::FilterProjection {
            base: Box::new(left.0),
            each: Box::new(right.0),
            condition: Box::new(condition.0),
        };
        Parser::node(node, &[left.1, right.1, condition.1])
    }

    /// `_parse_index_expression`: `[n]` or a slice, after the `[`.
    pub(crate) fn index_expression(&mut self) -> Result<Parsed, Error> {
        if *self.current() == Tok::Colon || self.token(1).tok == Tok::Colon {
            return self.slice_expression();
        }
        let index = match self.current() {
            Tok::Number(number) => *number,
            _ => 0,
        };
        self.advance();
        self.expect(&Tok::Rbracket)?;
        Ok((Node::Index(index), 1))
    }

    /// `_parse_slice_expression`: `[start:stop:step]`, each part optional; a number given twice
    /// for one part replaces the first (`[1:2 3]` is `[1:3]`).
    pub(crate) fn slice_expression(&mut self) -> Result<Parsed, Error> {
        let mut parts = [None, None, None];
        let mut part = 0;
        while *self.current() != Tok::Rbracket {
            match self.current() {
                Tok::Colon if part == 2 => {
                    return Err(Error::parse("syntax error", self.token(0)));
                }
                Tok::Colon => part += 1,
                Tok::Number(number) => {
                    if let Some(slot) = parts.get_mut(part) {
                        *slot = Some(*number);
                    }
                }
                _ => return Err(Error::parse("syntax error", self.token(0))),
            }
            self.advance();
        }
        self.expect(&Tok::Rbracket)?;
        let [start, stop, step] = parts;
        Ok((Node::Slice { start, stop, step }, 1))
    }

    /// `_project_if_slice`: `left[n]` is an index expression, `left[a:b]` projects.
    pub(crate) fn project_if_slice(
        &mut self,
        left: Parsed,
        right: Parsed,
    ) -> Result<Parsed, Error> {
        let slice = matches!(right.0, Node::Slice { .. });
        let index = Parser::node(
            Node::IndexExpression(vec![left.0, right.0]),
            &[left.1, right.1],
        )?;
        if !slice {
            return Ok(index);
        }
        let each = self.projection_rhs(binding_power(&Tok::Star))?;
        Parser::node(
            Node::Projection(Box::new(index.0), Box::new(each.0)),
            &[index.1, each.1],
        )
    }

    /// `_parse_multi_select_list`, after the `[`.
    pub(crate) fn multi_select_list(&mut self) -> Result<Parsed, Error> {
        let mut elements = Vec::new();
        let mut depths = Vec::new();
        loop {
            let (element, depth) = self.expression(0)?;
            elements.push(element);
            depths.push(depth);
            if *self.current() == Tok::Rbracket {
                break;
            }
            self.expect(&Tok::Comma)?;
        }
        self.expect(&Tok::Rbracket)?;
        Parser::node(Node::MultiList(elements), &depths)
    }

    /// `_parse_multi_select_hash`, after the `{`: the commas between pairs may be left out.
    pub(crate) fn multi_select_hash(&mut self) -> Result<Parsed, Error> {
        let mut pairs = Vec::new();
        let mut depths = Vec::new();
        loop {
            let key = match self.current() {
                Tok::Ident(name) | Tok::Quoted(name) => name.clone(),
                _ => return Err(self.expecting("['quoted_identifier', 'unquoted_identifier']")),
            };
            self.advance();
            self.expect(&Tok::Colon)?;
            let (value, depth) = self.expression(0)?;
            pairs.push((key, value));
            depths.push(depth);
            if *self.current() == Tok::Comma {
                self.expect(&Tok::Comma)?;
            } else if *self.current() == Tok::Rbrace {
                self.expect(&Tok::Rbrace)?;
                break;
            }
        }
        Parser::node(Node::MultiHash(pairs), &depths)
    }

    /// `_parse_projection_rhs`: what a projection applies to each element.
    pub(crate) fn projection_rhs(&mut self, binding: usize) -> Result<Parsed, Error> {
        match self.current() {
            tok if binding_power(tok) < PROJECTION_STOP => Ok((Node::Identity, 1)),
            Tok::Lbracket | Tok::Filter => self.expression(binding),
            Tok::Dot => {
                self.advance();
                self.dot_rhs(binding)
            }
            _ => Err(Error::parse("syntax error", self.token(0))),
        }
    }

    /// `_parse_dot_rhs`: after a `.`, an identifier, `*`, a multi-select list or hash. A
    /// multi-select does not take the operators after it: they apply to the whole expression.
    pub(crate) fn dot_rhs(&mut self, binding: usize) -> Result<Parsed, Error> {
        match self.current() {
            Tok::Ident(_) | Tok::Quoted(_) | Tok::Star => self.expression(binding),
            Tok::Lbracket => {
                self.advance();
                self.multi_select_list()
            }
            Tok::Lbrace => {
                self.advance();
                self.multi_select_hash()
            }
            tok => {
                let reason = format!(
                    "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: {}",
                    tok.python_type()
                );
                Err(Error::parse(&reason, self.token(0)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::*;
    use crate::{ErrorKind, Query};
    use serde_json::json;

    // Syntax `parser.py` accepts where other JMESPath parsers do not, and its quirks.
    gives!(
        deprecated_literal,
        "[?Key==`Name`].V",
        json!([{"Key": "Name", "V": 1}]),
        json!([1])
    );

    gives!(
        hash_without_commas,
        "{a: `1` b: `2`}",
        json!({}),
        json!({"a": 1, "b": 2})
    );

    gives!(
        call_with_trailing_comma,
        "length(@,)",
        json!([1, 2]),
        json!(2)
    );

    gives!(negative_zero_index, "[-0]", json!([7, 8]), json!(7));

    gives!(
        huge_index,
        "[99999999999999999999999]",
        json!([7]),
        json!(null)
    );

    gives!(
        slice_overwritten_bound,
        "[0:1 2]",
        json!([7, 8, 9]),
        json!([7, 8])
    );

    gives!(
        slice_after_index_does_not_project,
        "[0][0:2].a",
        json!([[{"a": 1}, {"a": 2}]]),
        json!(null)
    );

    gives!(
        not_operand_ends_before_dot,
        "!a[0][1:].b",
        json!({"a": [[1, 2]]}),
        json!(null)
    );

    gives!(
        not_operand_keeps_projection,
        "!a[1:].b",
        json!({"a": [{"b": 0}, {"b": 1}]}),
        json!(false)
    );

    gives!(
        not_operand_keeps_index,
        "[!a[0][1:][0], !!a[0][1:] | [0]]",
        json!({"a": [[1, 2]]}),
        json!([false, null])
    );

    gives!(
        slice_after_pipe_projects,
        "[0] | [0:2].a",
        json!([[{"a": 1}, {"a": 2}]]),
        json!([1, 2])
    );

    gives!(
        huge_slice_bounds,
        "[99999999999999999999:-99999999999999999999:-99999999999999]",
        json!([1, 2, 3]),
        json!([3])
    );

    gives!(
        huge_slice_bounds_empty,
        "[-99999999999999999999:99999999999999999999:-99999999999999]",
        json!([1, 2, 3]),
        json!([])
    );

    // Syntax `parser.py` rejects where other JMESPath parsers do not.
    rejects!(list_without_commas, "[a b]", ErrorKind::Parse);

    rejects!(expref_after_dot, "a.&b", ErrorKind::Parse);

    rejects!(list_after_index, "a[0][1:2][b]", ErrorKind::Parse);

    rejects!(incomplete, "a[0", ErrorKind::Incomplete);

    #[test]
    fn syntax_errors_have_columns() {
        let error = Query::compile("a b").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Parse);
        assert_eq!(error.column(), Some(3));
        assert_eq!(
            error.to_string(),
            "Unexpected token: b: Parse error at column 2, token \"b\" (UNQUOTED_IDENTIFIER)"
        );
        let error = Query::compile("a $").unwrap_err();
        let expected = (Some(3), "Bad jmespath expression: Unknown token $");
        assert_eq!((error.column(), error.to_string().as_str()), expected);
        let error = Query::compile("a[0").unwrap_err();
        let expected = (
            Some(4),
            "Invalid jmespath expression: Incomplete expression",
        );
        assert_eq!((error.column(), error.to_string().as_str()), expected);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing() {
        let n = 100_000;
        let shapes = [
            format!("{}a{}", "(".repeat(n), ")".repeat(n)),
            format!("{}a{}", "[".repeat(n), "]".repeat(n)),
            format!("{}a", "!".repeat(n)),
            format!("{}a", "& ".repeat(n)),
            format!("a{}", "[*]".repeat(n)),
            format!("a{}", "[]".repeat(n)),
            format!("a{}", " | a".repeat(n)),
            format!("a{}", " == a".repeat(n)),
            format!("a{}", "[?a]".repeat(n)),
            format!("{}a{}", "{a: ".repeat(n), "}".repeat(n)),
            format!("{}a{}", "length(".repeat(n), ")".repeat(n)),
            "(".repeat(n),
        ];
        for expression in shapes {
            let error = Query::compile(&expression).expect_err("too deep");
            assert_eq!(
                error.kind(),
                ErrorKind::TooDeep,
                "{}: {error}",
                &expression[..12]
            );
        }
        let literal = format!("`{}`", "[".repeat(n));
        assert_eq!(
            Query::compile(&literal).unwrap_err().kind(),
            ErrorKind::TooDeep
        );
    }

    #[test]
    fn long_flat_chains_are_accepted() {
        // Python's parser keeps `a.b.c` and `a[0][1]` flat, so their length is not nesting.
        let data = json!({"a": {"a": [[1]]}});
        let n = 100_000;
        assert_gives(&format!("a{}", ".a".repeat(n)), &data, &json!(null));
        assert_gives(&format!("a.a{}", "[0]".repeat(n)), &data, &json!(null));
        assert_gives(&format!("@{}", ".{a: a}".repeat(n)), &data, &data);
    }
}
