#!/bin/bash

az aks create \
    --resource-group myResourceGroup \
    --name myOverlayCluster \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vm-set-type VirtualMachineScaleSets \
    --generate-ssh-keys
