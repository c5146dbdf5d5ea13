use crate::idpool;

fn stderr_of(args: &[&str], code: i32) -> String {
    let assert = idpool().args(args).assert().code(code);
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn schema_needs_a_kind_or_out() {
    insta::assert_snapshot!(stderr_of(&["schema"], 2));
}

#[test]
fn unknown_kind_is_a_usage_error() {
    insta::assert_snapshot!(stderr_of(&["schema", "requests"], 2));
}

#[test]
fn kind_and_out_conflict() {
    insta::assert_snapshot!(stderr_of(&["schema", "request", "--out", "x"], 2));
}

#[test]
fn help() {
    let assert = idpool().arg("--help").assert().success();
    insta::assert_snapshot!(String::from_utf8(assert.get_output().stdout.clone()).unwrap());
}

#[test]
fn schema_help() {
    let assert = idpool().args(["schema", "--help"]).assert().success();
    insta::assert_snapshot!(String::from_utf8(assert.get_output().stdout.clone()).unwrap());
}

/// `idpool ARGS` as printed on a terminal of `columns` columns.
fn help_at(args: &[&str], columns: usize) -> String {
    let assert = idpool()
        .args(args)
        .env("COLUMNS", columns.to_string())
        .env("LINES", "24")
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// The lines of the `Example:` or `Examples:` section, to the end of the help.
fn example_lines(help: &str) -> Vec<&str> {
    help.lines()
        .skip_while(|line| !line.starts_with("Example"))
        .skip(1)
        .collect()
}

/// The commands of `lines`, each as its words: `\` continuations joined, a quoted value
/// continued on the next line kept whole, as a shell reads them.
fn commands(lines: &[&str]) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in lines {
        pending.push_str(line);
        if let Some(head) = pending.strip_suffix('\\') {
            pending = head.to_owned();
            continue;
        }
        match shlex::split(&pending) {
            Some(words) if !words.is_empty() => {
                commands.push(words);
                pending.clear();
            }
            Some(_) => pending.clear(),
            // A quote still open: the value goes on.
            None => pending.push('\n'),
        }
    }
    assert!(
        pending.trim().is_empty(),
        "an unfinished command: {pending:?}"
    );
    commands
}

/// The help of every command: each example is printed as written on an 80-column terminal
/// (a line the terminal wraps no longer pastes as a command), and is a command idpool accepts.
#[test]
fn help_examples_survive_wrapping_and_run() {
    let helps: [&[&str]; 8] = [
        &["--help"],
        &["schema", "--help"],
        &["validate", "--help"],
        &["shorthand", "--help"],
        &["update-identity-pool", "--help"],
        &["to-cli", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
    ];
    let mut examples = 0;
    let mut every_example = String::new();
    for args in helps {
        let wide = help_at(args, 100);
        if !example_lines(&wide).is_empty() {
            every_example += &format!("== idpool {}\n", args.join(" "));
            for line in example_lines(&wide) {
                every_example += &format!("{line}\n");
            }
        }
        let narrow = help_at(args, 80);
        assert_eq!(
            example_lines(&narrow),
            example_lines(&wide),
            "idpool {}: an example is wrapped on an 80-column terminal:\n{narrow}",
            args.join(" ")
        );
        for words in commands(&example_lines(&wide)) {
            examples += 1;
            // The idpool command of a pipeline, without its redirection.
            let start = words.iter().rposition(|w| w == "|").map_or(0, |i| i + 1);
            let end = words.iter().position(|w| w == ">").unwrap_or(words.len());
            let words = &words[start..end];
            assert_eq!(words[0], "idpool", "{words:?}");
            if words[1] == "update-identity-pool" {
                let request = idpool_cli::update_request(&words[2..]);
                assert!(request.is_ok(), "{words:?}: {request:?}");
            } else {
                let matches = idpool_cli::command().try_get_matches_from(words);
                assert!(matches.is_ok(), "{words:?}: {matches:?}");
            }
        }
    }
    assert!(examples >= 8, "{examples} examples");
    insta::assert_snapshot!("help_examples", every_example);
}
