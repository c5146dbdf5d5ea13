//! Any argument list for `update-identity-pool`: reading it never panics, and a request it
//! builds survives `to-cli` and being read back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tokens: Vec<String> = text.split('\0').map(str::to_owned).collect();
    let Ok(Some(request)) = idpool_cli::update_request(&tokens) else {
        return;
    };
    let object = request.as_object().expect("a request is an object");
    let required = ["IdentityPoolId", "IdentityPoolName"];
    if !required.iter().all(|m| object.contains_key(*m)) {
        // The AWS CLI refuses a command line without them.
        return;
    }
    let arguments = idpool_cli::to_cli_arguments(object);
    let again = idpool_cli::update_request(&arguments)
        .unwrap_or_else(|e| panic!("{arguments:?} is refused: {e}"))
        .expect("a request");
    assert_eq!(again.to_string(), request.to_string(), "{arguments:?}");
});
