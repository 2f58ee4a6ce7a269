"""SineLoop scaling (not in the shared pyo bench; written for patchc's bench/ in the
style of ../shared/bench/cases): the body of the manual's multiprocessing example
with 2000 voices in one process - 2000 SineLoop, random freqs 400..800 Hz,
feedback 0.1, mul 0.005, alternating channels (pyo's multichannel expansion)."""
import os, sys, random
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _bench import boot, render
from pyo import *

random.seed(1234)
s = boot()

freqs = [random.uniform(400, 800) for i in range(2000)]
oscs = SineLoop(freq=freqs, feedback=0.1, mul=.005).out()

render(s, dur=20)
