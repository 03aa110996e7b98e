#!/usr/bin/env python3
"""Measures how long a JVM process takes to become ready, the CPU it used until then and its idle RSS.

Used for the start-time figures in docs/benchmarks/local-stack.md and emulator.md. Ready means either the first
HTTP 200 from --url, or the first stdout line containing --line. CPU is utime+stime of the process from /proc.

  python3 docs/benchmarks/measure-start.py --line 'Salesforce emulator ready' -- \
      java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar salesforce-emulator/target/salesforce-emulator.jar
  python3 docs/benchmarks/measure-start.py --cwd planning-service/target/quarkus-app --env-file planning.env \
      --url http://127.0.0.1:18081/q/health/ready --idle 20 -- java -Xmx128m ... -jar quarkus-run.jar
"""
import argparse
import os
import subprocess
import sys
import time
import urllib.request


def cpu_seconds(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def rss_mb(pid):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) // 1024
    return -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--url', help='ready when this URL answers 200')
    parser.add_argument('--line', help='ready when stdout has a line containing this text')
    parser.add_argument('--cwd', default='.')
    parser.add_argument('--env-file', help='KEY=VALUE lines added to the environment (credentials stay out of argv)')
    parser.add_argument('--idle', type=float, default=0, help='seconds to wait after ready before reading RSS')
    parser.add_argument('--timeout', type=float, default=120)
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command or bool(args.url) == bool(args.line):
        parser.error('give a command after --, and exactly one of --url / --line')
    env = dict(os.environ)
    if args.env_file:
        for line in open(args.env_file):
            if '=' in line and not line.startswith('#'):
                key, value = line.rstrip('\n').split('=', 1)
                env[key] = value
    started = time.time()
    process = subprocess.Popen(command, cwd=args.cwd, env=env, text=True,
                               stdout=subprocess.PIPE if args.line else subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = wait_ready(process, args, started)
        cpu = cpu_seconds(process.pid)
        if args.idle:
            time.sleep(args.idle)
        print(f'ready {ready:.2f} s wall, {cpu:.2f} s CPU until ready, RSS {rss_mb(process.pid)} MB'
              + (f' after {args.idle:.0f} s idle' if args.idle else '')
              + f'; load {open("/proc/loadavg").read().split()[0]}; {" ".join(command)}')
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_ready(process, args, started):
    while time.time() - started < args.timeout:
        if args.line:
            line = process.stdout.readline()
            if not line:
                sys.exit('process ended before it was ready')
            if args.line in line:
                return time.time() - started
            continue
        if process.poll() is not None:
            sys.exit(f'process ended with {process.returncode} before it was ready')
        try:
            if urllib.request.urlopen(args.url, timeout=1).status == 200:
                return time.time() - started
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit('not ready within the timeout')


if __name__ == '__main__':
    main()
