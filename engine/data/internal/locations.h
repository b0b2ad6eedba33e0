// Where a value is in a dataset file, to name the place of an error: the
// field path ("quotes[3].fees.bands[0]"), and the line and column where the
// format has them. Internal to engine/data.
//
// Thread-safety: plain values; a Node refers to its parent, which must
// outlive it (both are locals of the validating walk).
//
// Example:
//   Node root{&file};
//   root.tree = file.text_locations();
#ifndef REMIT_ENGINE_DATA_INTERNAL_LOCATIONS_H_
#define REMIT_ENGINE_DATA_INTERNAL_LOCATIONS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine/data/parsed_dataset.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"

namespace remit::data_internal {

// "path.field[index]"; no "[index]" when index < 0, no "path." when empty.
std::string Join(absl::string_view path, absl::string_view field, int index);

// Where a message is in its file, to name the place of an error. Its path
// ("quotes[3].fees") is spelled out only when an error needs it; a Node
// refers to its parent, which outlives it (both are locals of the walk).
struct Node {
  const ParsedDataset* file = nullptr;
  const Node* parent = nullptr;  // Null at the top.
  absl::string_view field;       // In the parent.
  int index = -1;                // In the parent's repeated field.
  const google::protobuf::TextFormat::ParseInfoTree* tree =
      nullptr;   // Its fields' places.
  int line = 0;  // Where the message itself is (0: unknown).
  int column = 0;

  std::string Path() const {
    return parent == nullptr ? "" : Join(parent->Path(), field, index);
  }
};

// The field named `name` of `message`'s type; aborts on a name that does
// not exist (a typo in the validator, never bad input).
const google::protobuf::FieldDescriptor* Field(
    const google::protobuf::Message& message, absl::string_view name);

// Where an id was first defined: "file:line", or "file quotes[3]" for
// formats without lines. Formatted only when a duplicate needs it.
struct IdPlace {
  const ParsedDataset* file;
  int line;
  absl::string_view what;  // "providers" or "quotes".
  int index;

  std::string ToString() const {
    return line > 0 ? absl::StrCat(file->name(), ":", line)
                    : absl::StrCat(file->name(), " ", what, "[", index, "]");
  }
};

// Validates dataset files and converts them into engine types. Keys of the

}  // namespace remit::data_internal

#endif  // REMIT_ENGINE_DATA_INTERNAL_LOCATIONS_H_
