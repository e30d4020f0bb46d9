#!/usr/bin/env bash
az aks create --resource-group rg --name aks-pods --max-pods=10

az aks nodepool add \
  --resource-group rg \
  --cluster-name aks-pods \
  --name dense \
  --max-pods 250
