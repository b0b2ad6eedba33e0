#include "engine/data/internal/locations.h"

#include <cstdlib>

namespace remit::data_internal {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string Join(absl::string_view path, absl::string_view field, int index) {
  std::string out =
      path.empty() ? std::string(field) : absl::StrCat(path, ".", field);
  if (index >= 0) absl::StrAppend(&out, "[", index, "]");
  return out;
}

const FieldDescriptor* Field(const Message& message, absl::string_view name) {
  const FieldDescriptor* field =
      message.GetDescriptor()->FindFieldByName(std::string(name));
  if (field == nullptr) std::abort();  // A typo in this file.
  return field;
}

}  // namespace remit::data_internal
