#!/usr/bin/env bash
az aks create --resource-group rg --name aks \
  --network-plugin azure --network-plugin-mode overlay \
  --node-count 2 \
  --max-pods 10 # aksnet-lint:ignore AKSNET302
az aks nodepool add --resource-group rg --cluster-name aks --name user \
  --node-count 3 --max-pods 100 # aksnet-lint:ignore AKSNET301 lab only
