# Thin wrapper over CMake. `make` builds build/armstrace; `make check`
# installs missing packages, builds, and runs every test (plain, then under
# ASan+UBSan, then the fuzzers for a bounded time).
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps check test asan fuzz bench example clean

all:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

deps:
	sh scripts/install-deps.sh

test: all
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan:
	CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan >/dev/null
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

fuzz:
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Asan -DAT_BUILD_FUZZ=ON \
	  -DAT_BUILD_TESTS=OFF -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
	cmake --build build-fuzz -j $(JOBS)
	sh fuzz/run.sh build-fuzz

check: deps test asan fuzz

example: deps all
	$(BUILD)/armstrace extract --format table examples/corpus

bench: all
	sh bench/run.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz
