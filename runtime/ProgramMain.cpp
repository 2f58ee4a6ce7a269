// The main() of a native executable (`patchc build`): the patch's object files define `patchc_abi`.
#include "runtime/PatchABI.h"
#include "runtime/Program.h"

extern "C" const patchc::runtime::PatchABI patchc_abi;

int main(int argc, char** argv) { return patchc::runtime::runProgram(patchc_abi, argc, argv); }
