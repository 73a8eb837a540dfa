import * as assert from 'node:assert/strict';
import { analyzeFile, fileRole } from '../../src/core/evidence/analyze';
import { bundledRules } from '../../src/core/evidence/bundledRules';
import {
  normalizeDistribution,
  parseCargoToml,
  parseCondaEnvironment,
  parsePackageJson,
  parsePyproject,
  parseRequirements,
  parseSetupCfg,
  parseSetupPy,
} from '../../src/core/evidence/manifests';
import { notebookCodeCells } from '../../src/core/evidence/notebook';
import { findImports, maskPython } from '../../src/core/evidence/pythonSource';
import { readToml, tomlGet } from '../../src/core/evidence/toml';

const names = (deps: Array<{ name: string; line: number }>) => deps.map((d) => `${d.name}@${d.line}`);
const imports = (source: string) => findImports(maskPython(source)).map((i) => `${i.module}@${i.line}:${i.column}`);

describe('evidence parsers: Python imports', () => {
  it('finds plain, dotted, aliased and comma-separated imports with line and column', () => {
    assert.deepEqual(imports('import torch\nimport torch.nn as nn, numpy\n  import os.path'), ['torch@1:7', 'torch.nn@2:7', 'numpy@2:23', 'os.path@3:9']);
  });

  it('finds from-imports, multi-line parenthesised ones and ";"-separated statements', () => {
    assert.deepEqual(imports('from sklearn.metrics import (\n    f1_score,\n    accuracy_score,\n)\nx = 1; import mlflow\nfrom torch import*'), [
      'sklearn.metrics@1:5',
      'mlflow@5:14',
      'torch@6:5',
    ]);
  });

  it('leaves out relative imports, comments, strings, docstrings and f-strings', () => {
    const source = [
      'from . import utils',
      'from .models import Net',
      '# import torch',
      'x = "import tensorflow"',
      '"""',
      'import jax',
      '"""',
      "s = f'''\nfrom sklearn import svm\n'''",
      "r = r'\\' import peft'",
      'y = 1  # from mlflow import log_metric',
    ].join('\n');
    assert.deepEqual(imports(source), []);
  });

  it('keeps line numbers through masked multi-line strings', () => {
    assert.deepEqual(imports('"""doc\nstring\n"""\nimport torch'), ['torch@4:7']);
  });

  it('reads words that merely start with import/from as code, not imports', () => {
    assert.deepEqual(imports('imports = 1\nfromage = 2\nimport_module("x")'), []);
  });

  it('masking keeps the text length, the newlines and the quotes', () => {
    const source = 'a = "x#y"  # c\nb = \'\'\'1\n2\'\'\'';
    const masked = maskPython(source);
    assert.equal(masked.length, source.length);
    assert.equal(masked, 'a = "   "     \nb = \'\'\' \n \'\'\'');
  });
});

describe('evidence parsers: requirements files (PEP 508)', () => {
  it('reads names with extras, ~=, markers, URLs, editable installs and comments; returns -r includes', () => {
    const text = [
      '# comment',
      'torch[cuda]>=2.2 ; python_version >= "3.10"',
      'Scikit_Learn~=1.4  # trailing comment',
      'numpy==1.26.*',
      '-r requirements-dev.txt',
      '--requirement=base.txt',
      '-c constraints.txt',
      '--index-url https://example.org/simple',
      '-e git+https://github.com/org/peft.git#egg=peft',
      'mypkg @ https://example.org/mypkg-1.0.whl',
      'https://example.org/x.tar.gz#egg=opencv_python',
      'long-name \\',
      '  >=1.0',
      '',
    ].join('\n');
    const parsed = parseRequirements(text);
    assert.deepEqual(names(parsed.dependencies), ['torch@2', 'scikit-learn@3', 'numpy@4', 'peft@9', 'mypkg@10', 'opencv-python@11', 'long-name@12']);
    assert.deepEqual(parsed.includes, ['requirements-dev.txt', 'base.txt']);
  });

  it('normalises distribution names per PEP 503', () => {
    assert.equal(normalizeDistribution('Scikit__Learn.Extra'), 'scikit-learn-extra');
  });
});

describe('evidence parsers: pyproject.toml', () => {
  it('reads PEP 621 dependencies, optional dependencies and PEP 735 groups with their lines', () => {
    const text = '[project]\nname = "x"\ndependencies = [\n  "torch>=2",\n  \'mlflow\',\n]\n[project.optional-dependencies]\ngpu = ["vllm"]\n[dependency-groups]\ndev = ["pytest", {include-group = "lint"}]\n';
    assert.deepEqual(names(parsePyproject(text)), ['torch@4', 'mlflow@5', 'vllm@8', 'pytest@10']);
  });

  it('reads Poetry dependencies, dev-dependencies and groups, leaving out python', () => {
    const text = '[tool.poetry.dependencies]\npython = "^3.11"\ntorch = { version = "^2", source = "pytorch" }\n[tool.poetry.dev-dependencies]\nblack = "*"\n[tool.poetry.group.ml.dependencies]\nscikit_learn = "^1"\n';
    assert.deepEqual(names(parsePyproject(text)), ['torch@3', 'black@5', 'scikit-learn@7']);
  });

  it('a pyproject that only configures tools declares nothing', () => {
    assert.deepEqual(parsePyproject('[tool.black]\nline-length = 100\n[tool.isort]\nknown_third_party = ["torch"]\n[build-system]\nrequires = ["setuptools"]\n'), []);
  });
});

describe('evidence parsers: other manifests', () => {
  it('setup.cfg: install_requires and extras_require lines', () => {
    const text = '[metadata]\nname = x\n[options]\ninstall_requires =\n    torch>=2\n    # comment\n    pandas\npython_requires = >=3.9\n[options.extras_require]\ntest = pytest\n';
    assert.deepEqual(names(parseSetupCfg(text)), ['torch@5', 'pandas@7', 'pytest@10']);
  });

  it('setup.py: strings in install_requires and extras_require, not the extras\' names', () => {
    const text = 'from setuptools import setup\nsetup(\n    name="x",\n    install_requires=[\n        "torch>=2",\n        \'numpy\',\n    ],\n    extras_require={"serve": ["fastapi"]},\n)\n# install_requires=["jax"]\n';
    assert.deepEqual(names(parseSetupPy(text)), ['torch@5', 'numpy@6', 'fastapi@8']);
  });

  it('environment.yml: conda specs with channels and the pip list', () => {
    const text = 'name: ml\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pytorch::pytorch>=2.1\n  - numpy  # arrays\n  - pip\n  - pip:\n      - mlflow==2.14\n      - "langchain"\n  - scipy\nvariables:\n  - notadep\n';
    assert.deepEqual(
      parseCondaEnvironment(text).map((d) => `${d.ecosystem}:${d.name}@${d.line}`),
      ['conda:pytorch@6', 'conda:numpy@7', 'python:mlflow@10', 'python:langchain@11', 'conda:scipy@12'],
    );
  });

  it('package.json: every dependency section, with the line of each name', () => {
    const text = JSON.stringify({ name: 'x', dependencies: { '@tensorflow/tfjs': '^4' }, devDependencies: { typescript: '5' } }, null, 2);
    assert.deepEqual(names(parsePackageJson(text)), ['@tensorflow/tfjs@4', 'typescript@7']);
    assert.deepEqual(parsePackageJson('{ not json'), []);
  });

  it('Cargo.toml: dependencies, dotted tables, dev/build and target-specific ones', () => {
    const text = '[package]\nname = "x"\n[dependencies]\npyo3 = { version = "0.22" }\nserde = "1"\n[dev-dependencies.criterion]\nversion = "0.5"\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n';
    assert.deepEqual(names(parseCargoToml(text)), ['pyo3@4', 'serde@5', 'criterion@6', 'libc@9']);
  });

  it('TOML: strings of all four kinds, arrays over lines, inline tables', () => {
    const toml = readToml('a = "x\\"y"\nb = \'lit\'\nc = """multi\nline"""\nd = [\n  1, # one\n  "two",\n]\ne = { f = "g" }\n');
    assert.deepEqual(tomlGet(toml, 'a'), { kind: 'string', value: 'x"y', line: 1 });
    assert.deepEqual(tomlGet(toml, 'c'), { kind: 'string', value: 'multi\nline', line: 3 });
    assert.equal(tomlGet(toml, 'd')?.kind, 'array');
    assert.deepEqual(tomlGet(toml, 'e', 'f'), { kind: 'string', value: 'g', line: 9 });
  });
});

describe('evidence parsers: notebooks', () => {
  it('returns code cells only, with their index among all cells; outputs and markdown are left out', () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['import torch'] },
        { cell_type: 'code', source: ['import pandas\n', 'x = 1'], outputs: [{ text: ['import mlflow'] }] },
        { cell_type: 'code', source: 'import numpy' },
      ],
      metadata: { language_info: { name: 'python' } },
    });
    assert.deepEqual(notebookCodeCells(nb), [
      { index: 1, source: 'import pandas\nx = 1' },
      { index: 2, source: 'import numpy' },
    ]);
  });

  it('a pattern that counts only alongside an import counts in any cell of a notebook importing it, in no cell of one that does not', () => {
    const notebook = (cells: string[]) =>
      JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source })), metadata: { language_info: { name: 'python' } } });
    const groupbys = (text: string) =>
      analyzeFile('a.ipynb', text, text.length, fileRole('a.ipynb', bundledRules)!, bundledRules).findings.filter((f) => f.rule === 'dataframe-ops').map((f) => `${f.cell}:${f.line}`);
    assert.deepEqual(groupbys(notebook(['import pandas as pd', 'x = 1\ndf.groupby("a").sum()'])), ['1:2']);
    assert.deepEqual(groupbys(notebook(['import itertools', 'x = 1\nitertools.groupby(xs)'])), []);
  });

  it('a look-alike name is no proof: its definition, a call without the library imported, a test function outside test code', () => {
    const rulesOf = (relPath: string, text: string) => analyzeFile(relPath, text, text.length, fileRole(relPath, bundledRules)!, bundledRules).findings.map((f) => `${f.rule}@${f.line}`);
    assert.deepEqual(rulesOf('graph.py', 'class DAG:\n    pass\n\ndag = DAG()\ndef init_process_group(n):\n    return n\n'), []);
    assert.deepEqual(rulesOf('etl.py', 'from airflow import DAG\ndag = DAG("etl")\n'), ['orchestrators@1', 'orchestrator-definitions@2']);
    assert.deepEqual(rulesOf('tools.py', 'def test_connection(host):\n    return host\n'), []);
    assert.deepEqual(rulesOf('tests/test_tools.py', 'def test_connection():\n    assert True\n'), ['python-test-functions@1']);
  });

  it('a notebook of another kernel or broken JSON yields no cells', () => {
    assert.deepEqual(notebookCodeCells(JSON.stringify({ cells: [{ cell_type: 'code', source: 'library(torch)' }], metadata: { kernelspec: { language: 'R' } } })), []);
    assert.deepEqual(notebookCodeCells('{"cells": ['), []);
  });
});
