"""remit_fuzz_target: a libFuzzer target that is also a test.

Creates <name> (with --config=fuzz: a libFuzzer binary; otherwise a binary
that replays files) and <name>_test, which replays corpus/<corpus>/ in every
build, so CI runs every seed and every input a fuzzer ever crashed on.
"""

def remit_fuzz_target(name, srcs, corpus, deps = [], data = []):
    native.cc_binary(
        name = name,
        testonly = True,
        srcs = srcs + select({
            "//fuzz:libfuzzer": [],
            "//conditions:default": ["replay_main.cc"],
        }),
        linkopts = select({
            "//fuzz:libfuzzer": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        data = data,
        deps = deps,
    )
    native.cc_test(
        name = name + "_test",
        srcs = srcs + ["replay_main.cc"],
        args = ["fuzz/corpus/" + corpus],
        data = data + native.glob(["corpus/" + corpus + "/**"]),
        deps = deps,
    )
