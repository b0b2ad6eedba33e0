"""cc_headers: the headers of C++ libraries and of everything they depend
on, as files, for tests that compile against them with a compiler of their
own choosing (engine/book:lifetime_test)."""

def _cc_headers_impl(ctx):
    headers = [
        dep[CcInfo].compilation_context.headers
        for dep in ctx.attr.deps
    ]
    files = depset(transitive = headers)
    return [DefaultInfo(
        files = files,
        runfiles = ctx.runfiles(transitive_files = files),
    )]

cc_headers = rule(
    implementation = _cc_headers_impl,
    attrs = {
        "deps": attr.label_list(providers = [CcInfo]),
    },
    doc = "The transitive headers of `deps`.",
)
