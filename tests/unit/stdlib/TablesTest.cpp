// The kinds of tables (stdlib/tables/*.cpp): their samples against pyo 1.0.4's, and their declarations against
// pyo's signatures. pyo's numbers were measured with /usr/bin/python3 and pyo 1.0.4 (offline server, 44100 Hz):
// `t = CosTable(...); l = t.getTable()`, printing t.getSize(), sum(l) and the samples named (%.9g).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "stdlib/Registry.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

double sum(const TableContents& t) {
  const auto& c = t.channels.at(0);
  return std::accumulate(c.begin(), c.end() - 1, 0.0);
}

// pyo's samples: the size, the sum of getTable() (without the guard point) and samples at given indices.
void expectPyo(const TableContents& t, size_t size, double pyoSum, std::map<size_t, double> samples,
               double tolerance = 2e-6) {
  ASSERT_EQ(t.size(), size);
  ASSERT_EQ(t.channels.at(0).size(), size + 1) << "size samples and the guard point";
  // A float sum over 8192 samples: pyo's own rounding differs by ~1e-6 per sample at most.
  EXPECT_NEAR(sum(t), pyoSum, std::max(1e-4, std::abs(pyoSum) * 1e-6));
  for (auto [i, v] : samples) EXPECT_NEAR(t.channels[0][i], v, tolerance) << "sample " << i;
}

TEST(Tables, Harmonic) {
  expectPyo(fillTable("HarmTable", {{"list", tableNumbers({1, 0.5, 0.25})}}), 8192, 9.21954415e-06,
            {{1, 0.00210922281}, {100, 0.210040495}, {2000, 0.787627935}, {5000, -0.365845501}, {8191, -0.0021082114}});
  expectPyo(fillTable("SawTable"), 8192, 1.63285822e-05,
            {{1, 0.0076698754}, {100, 0.738592625}, {2000, 0.867889702}, {5000, -0.303807557}, {8191, -0.00766715407}});
  expectPyo(fillTable("SquareTable", {{"order", tableNumber(5)}, {"size", tableNumber(4096)}}), 4096, -9.78908702e-07,
            {{1, 0.00766980462}, {100, 0.674312532}, {2000, 0.357350081}, {3000, -0.807320297}});
  // Periodic: the guard point is the first sample.
  auto saw = fillTable("SawTable");
  EXPECT_EQ(saw.channels[0][8192], saw.channels[0][0]);
}

TEST(Tables, Segments) {
  expectPyo(fillTable("CosTable", {{"list", tablePoints({{0, 0}, {100, 1}, {1024, 0.5}, {7000, 0.5}, {8192, 0}})}}),
            8192, 4029, {{50, 0.5}, {100, 1}, {500, 0.802310467}, {7500, 0.312580824}, {8191, 0}});
  expectPyo(fillTable("LinTable", {{"list", tablePoints({{0, 20}, {512, 10}, {8192, 0}})}}), 8192, 46089.9975,
            {{1, 19.9804688}, {512, 10}, {600, 9.88541698}, {8000, 0.25}, {8191, 0}}, 2e-5);
  // The last point before the end: written there, zeros after (pyo's LinTable).
  auto shortLine = fillTable(
      "LinTable", {{"list", tablePoints({{0, 0}, {8, 0.7}, {128, 0.3}, {200, 0}})}, {"size", tableNumber(256)}});
  expectPyo(shortLine, 256, 73.5999998,
            {{3, 0.262499988}, {8, 0.699999988}, {100, 0.393333346}, {199, 0.00416666269}, {200, 0}});
  EXPECT_EQ(shortLine.channels[0][256], 0.0f);
  expectPyo(fillTable("ExpTable", {{"list", tablePoints({{0, 0.5}, {1500, 0.5}, {2000, 0.25}, {3500, 0.25}, {4000, 1},
                                                    {5500, 1}, {6000, 0.5}, {8192, 0.5}})}}),
            8192, 4289.18261,
            {{1600, 0.276843548}, {1800, 0.250026226}, {3700, 0.250078648}, {3900, 0.330527425}, {5800, 0.500052452}});
  expectPyo(fillTable("ExpTable", {{"list", tablePoints({{0, 1}, {1000, 0}})},
                                   {"exp", tableNumber(3)},
                                   {"inverse", tableNumber(0)},
                                   {"size", tableNumber(1024)}}),
            1024, 750.505833, {{1, 1}, {500, 0.875002146}, {900, 0.271019459}, {1000, 0}});
  expectPyo(
      fillTable("CurveTable", {{"list", tablePoints({{0, 0}, {2048, 0.5}, {4096, 0.2}, {6144, 0.5}, {8192, 0}})},
                               {"tension", tableNumber(0.3)},
                               {"bias", tableNumber(-0.2)}}),
      8192, 2577.06664,
      {{1, 0.000171085761}, {1000, 0.284255296}, {3000, 0.362801284}, {5000, 0.343251556}, {8191, 0.000171059131}});
}

TEST(Tables, Windows) {
  expectPyo(fillTable("HannTable"), 8192, 4096,
            {{0, 1.49011612e-07}, {1, 5.96046448e-07}, {4095, 1}, {4096, 0.999999881}, {8191, 0}});
  const double sums[] = {1000, 539.540007, 499.500009, 499.501509, 422.811678, 358.391316, 270.949144, 669.999967, 635.98264};
  const double at300[] = {1, 0.682973027, 0.655405402, 0.6006006, 0.513959765, 0.387044072, 0.180638537, 0.979746461, 0.809571147};
  const double at1[] = {1, 0.0800091028, 9.89437103e-06, 0.00200200197, 0.00490358006, 6.05668538e-05, 6.86018993e-08, 2.2649765e-05, 0.00314473221};
  for (int type = 0; type <= 8; ++type) {
    SCOPED_TRACE("WinTable type " + std::to_string(type));
    expectPyo(fillTable("WinTable", {{"type", tableNumber(type)}, {"size", tableNumber(1000)}}), 1000, sums[type],
              {{1, at1[type]}, {300, at300[type]}});
  }
  expectPyo(fillTable("ParaTable"), 8192, 5460.60479, {{0, 0}, {1, 0.00048828125}, {4095, 0.999985576}, {8191, 0}});
}

TEST(Tables, TransferFunctions) {
  expectPyo(fillTable("AtanTable", {{"size", tableNumber(512)}}), 512, -1,
            {{0, -1}, {1, -0.998885572}, {100, -0.834320188}, {256, 0}, {511, 0.998885572}});
  auto atan = fillTable("AtanTable", {{"slope", tableNumber(0.8)}});
  expectPyo(atan, 8192, -1, {{0, -1}, {1, -0.999996126}, {3000, -0.95566684}, {4096, 0}, {8191, 0.999996126}});
  EXPECT_EQ(atan.channels[0][8192], 1.0f) << "the guard point: the mirror of the first sample";
  expectPyo(fillTable("ChebyTable", {{"list", tableNumbers({1, 0, 0.33, 0, 0.2, 0, 0.143, 0, 0.111})}}), 8192,
            -1.78400016, {{0, -1.78400016}, {1, -1.77791309}, {1000, -0.545611739}, {4096, 0}, {8191, 1.77791309}},
            5e-6);
  // More than 12 amplitudes: pyo uses the first 12.
  expectPyo(
      fillTable("ChebyTable", {{"list", tableNumbers(std::vector<double>(14, 0.1))}, {"size", tableNumber(1024)}}),
      1024, -47.8501698, {{0, 0}, {1, -0.0145151988}, {300, -0.0595547818}, {512, 0}, {1023, 1.07678246}}, 5e-6);
}

TEST(Tables, Data) {
  auto data = fillTable("DataTable", {{"size", tableNumber(8)}, {"init", tableNumbers({1, 2, 3})}});
  expectPyo(data, 8, 6, {{0, 1}, {2, 3}, {3, 0}, {7, 0}});
  auto stereo = fillTable("DataTable", {{"size", tableNumber(4)}, {"chnls", tableNumber(2)}});
  EXPECT_EQ(stereo.channels.size(), 2u);
  // NewTable(0.01) at 44100 Hz: int(0.01·44100 + 0.5) = 441 zeros.
  expectPyo(fillTable("NewTable", {{"length", tableNumber(0.01)}}), 441, 0, {{0, 0}});
}

TEST(Tables, BadArgumentsNameTheArgument) {
  try {
    fillTable("LinTable", {{"list", tablePoints({{0, 0}, {0, 1}})}});
    FAIL() << "positions that do not increase";
  } catch (const TableArgumentError& e) {
    EXPECT_EQ(e.parameter, 0u);
    EXPECT_NE(std::string(e.what()).find("must increase"), std::string::npos);
  }
  EXPECT_THROW(fillTable("HarmTable", {{"size", tableNumber(1)}}), TableArgumentError);
  EXPECT_THROW(fillTable("LinTable", {{"list", tablePoints({{0, 0}})}}), TableArgumentError);
}

// Every kind of table has pyo 1.0.4's class of its name, with its parameters in order and its defaults.
TEST(Tables, EveryTableHasPyosSignature) {
  std::ifstream in(PATCHC_SOURCE_DIR "/tests/pyo/signatures.json");
  const auto classes = nlohmann::json::parse(in).at("classes");
  int checked = 0;
  for (const TableSpec& spec : Registry::builtin().tables()) {
    ASSERT_TRUE(classes.contains(spec.name)) << spec.name;
    const auto& pyo = classes.at(spec.name);
    EXPECT_EQ(pyo.at("bases")[0], "PyoTableObject") << spec.name;
    const auto& params = pyo.at("params");
    ASSERT_EQ(params.size(), spec.parameters.size()) << spec.name << ": pyo's are " << params;
    for (size_t i = 0; i < params.size(); ++i) {
      const TableParameter& p = spec.parameters[i];
      SCOPED_TRACE(spec.name + "." + p.name);
      EXPECT_EQ(params[i][0].get<std::string>(), p.name);
      if (params[i].size() < 2) {
        EXPECT_TRUE(p.required);
        continue;
      }
      const auto& d = params[i][1];
      EXPECT_FALSE(p.required);
      if (d.is_null()) {
        EXPECT_TRUE(p.noneByDefault);
      } else if (d.is_boolean()) {
        EXPECT_TRUE(p.boolean);
        EXPECT_EQ(p.number, d.get<bool>() ? 1.0 : 0.0);
      } else if (d.is_number()) {
        EXPECT_EQ(p.kind, TableParameterKind::Number);
        EXPECT_EQ(p.number, d.get<double>());
      } else {
        std::vector<double> flat;
        for (const auto& x : d) {
          if (x.is_array()) {
            EXPECT_EQ(p.kind, TableParameterKind::Points);
            for (const auto& y : x) flat.push_back(y.get<double>());
          } else {
            flat.push_back(x.get<double>());
          }
        }
        EXPECT_EQ(p.numbers, flat);
      }
      EXPECT_FALSE(p.doc.empty());
    }
    EXPECT_FALSE(spec.doc.empty());
    ++checked;
  }
  EXPECT_EQ(checked, 15);
}

}  // namespace
}  // namespace patchc::stdlibtest
