"""cc_library, cc_binary and cc_test that carry C++17 themselves.

The engine's headers need C++17 (std::optional, std::string_view...).
remitrank's .bazelrc sets it for its own builds, but a workspace that embeds
remitrank does not read that file, and Bazel's default C++ toolchain passes
-std=c++0x. The engine's BUILD files load these in place of the native
rules, so each target states the standard it is written in:

    load("//bazel:cc.bzl", "cc_library", "cc_test")
"""

# Appended after the toolchain's own flags, so they win.
REMIT_COPTS = ["-std=c++17"]

def cc_library(name, copts = [], **kwargs):
    native.cc_library(name = name, copts = REMIT_COPTS + copts, **kwargs)

def cc_binary(name, copts = [], **kwargs):
    native.cc_binary(name = name, copts = REMIT_COPTS + copts, **kwargs)

def cc_test(name, copts = [], **kwargs):
    native.cc_test(name = name, copts = REMIT_COPTS + copts, **kwargs)
