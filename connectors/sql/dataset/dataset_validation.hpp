#pragma once
// The rules a dataset must follow before anything is built from it: valid and unique names,
// categories in fideslang's key syntax, an origin for every field with categories, identity
// names, links that resolve, and erasure strategies that make sense where they stand.

#include <vector>

#include "model/result.hpp"
#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

//! Checks one dataset on its own; references into other datasets are left to
//! validateDatasets(). Throws DatasetError for the first problem (the loader's form).
void checkDataset(const Dataset& dataset);

//! checkDataset() as a Status (kInvalidArgument, FILE:LINE: KEY: problem).
Status validateDataset(const Dataset& dataset);

//! Checks datasets used together by one system: each on its own, unique dataset names, and
//! every reference, also those from one dataset into another.
Status validateDatasets(const std::vector<Dataset>& datasets);

//! The field `ref` names, seen from `owner` (an empty ref.dataset means `owner`), among
//! `datasets`; nullptr when there is none.
const Field* resolveField(const std::vector<Dataset>& datasets, const Dataset& owner,
                          const FieldRef& ref);

}  // namespace dsrflow::sql
