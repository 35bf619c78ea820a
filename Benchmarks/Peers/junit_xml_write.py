"""Writes N test cases (10% failing with 1 KB messages, 100 a suite) with Python's junit-xml
package and prints milliseconds: the same shape as Tapedeck's `bench junit`."""
import sys
import time

from junit_xml import TestCase, TestSuite, to_xml_report_file

count = int(sys.argv[1])
path = sys.argv[2]
message = ("expected status compliant, found nonCompliant; " * 21)[:1024]
start = time.perf_counter()
suites = []
for number in range((count + 99) // 100):
    cases = []
    for index in range(min(100, count - number * 100)):
        n = number * 100 + index
        case = TestCase(f"test{n}", classname=f"Suite{number}", elapsed_sec=0.001)
        if n % 10 == 0:
            case.add_failure_info(message=f"case {n} failed", output=message)
        cases.append(case)
    suites.append(TestSuite(f"Suite{number}", cases, hostname="bench"))
with open(path, "w", encoding="utf-8") as handle:
    to_xml_report_file(handle, suites)
print(f"{(time.perf_counter() - start) * 1000:.1f}")
